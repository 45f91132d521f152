// Fill and copy over f32 storages.

export function fill(out: usize, value: f32, length: i32): void {
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= length; i += 4) v128.store(out + (<usize>i << 2), v);
  for (; i < length; i++) store<f32>(out + (<usize>i << 2), value);
}

export function copy(src: usize, out: usize, length: i32): void {
  memory.copy(out, src, <usize>length << 2);
}
