// ReLU backward: dx = y > 0 ? dy : 0. (The forward pass is the unary op 'relu'.)

export function reluBackward(y: usize, dy: usize, dx: usize, length: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    const at = <usize>i << 2;
    v128.store(dx + at, v128.and(v128.load(dy + at), f32x4.gt(v128.load(y + at), zero)));
  }
  for (; i < length; i++) {
    const at = <usize>i << 2;
    store<f32>(dx + at, load<f32>(y + at) > 0 ? load<f32>(dy + at) : 0);
  }
}
