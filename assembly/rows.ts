// Row helpers shared by softmax and cross-entropy.
import { hmax } from './simd';

/** max of x[0..n), n >= 1; NaN if any element is NaN. */
export function rowMax(x: usize, n: i32): f32 {
  let m = load<f32>(x);
  let i = 0;
  if (n >= 4) {
    let mv = v128.load(x);
    for (i = 4; i + 4 <= n; i += 4) mv = f32x4.max(mv, v128.load(x + (<usize>i << 2)));
    m = hmax(mv);
  }
  for (; i < n; i++) m = max(m, load<f32>(x + (<usize>i << 2)));
  return m;
}

/** out[i] = exp(x[i] - shift); returns the sum of the out values. out may alias x. */
export function expShifted(x: usize, out: usize, n: i32, shift: f32): f32 {
  let total: f32 = 0;
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 2;
    const e = Mathf.exp(load<f32>(x + at) - shift);
    store<f32>(out + at, e);
    total += e;
  }
  return total;
}

/** Sum of exp(x[i] - shift). */
export function sumExpShifted(x: usize, n: i32, shift: f32): f32 {
  let total: f32 = 0;
  for (let i = 0; i < n; i++) total += Mathf.exp(load<f32>(x + (<usize>i << 2)) - shift);
  return total;
}

/** x[i] = x[i] * s + t. */
export function scaleShift(x: usize, out: usize, n: i32, s: f32, t: f32): void {
  const sv = f32x4.splat(s), tv = f32x4.splat(t);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(out + at, f32x4.add(f32x4.mul(v128.load(x + at), sv), tv));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, load<f32>(x + at) * s + t);
  }
}
