// Row helpers shared by softmax and cross-entropy, inlined so that each kernel sets up its
// constants once rather than once per row. The last n & 3 elements of a row go through
// the vector code too, as one vector padded with -inf (which adds nothing to a max or a sum of exps).
import { hmax, hsum } from './simd';
import { expNonPositive4 } from './exp';

/** The last n & 3 elements of x[0..n) in the low lanes of a vector, the rest filled with pad. */
// @ts-ignore: decorator
@inline function loadTail(x: usize, n: i32, pad: f32): v128 {
  const rest = n & 3;
  const at = x + (<usize>(n & ~3) << 2);
  let v = f32x4.splat(pad);
  if (rest > 0) v = f32x4.replace_lane(v, 0, load<f32>(at));
  if (rest > 1) v = f32x4.replace_lane(v, 1, load<f32>(at, 4));
  if (rest > 2) v = f32x4.replace_lane(v, 2, load<f32>(at, 8));
  return v;
}

/** Stores the low n & 3 lanes of v as the last elements of out[0..n). */
// @ts-ignore: decorator
@inline function storeTail(out: usize, n: i32, v: v128): void {
  const rest = n & 3;
  const at = out + (<usize>(n & ~3) << 2);
  if (rest > 0) store<f32>(at, f32x4.extract_lane(v, 0));
  if (rest > 1) store<f32>(at, f32x4.extract_lane(v, 1), 4);
  if (rest > 2) store<f32>(at, f32x4.extract_lane(v, 2), 8);
}

/**
 * max of x[0..n), n >= 1, with pmax (one instruction; it may skip NaN elements, which still make
 * the callers' sums of exp(x - max) NaN, as they should). Four accumulators keep four maxes in flight.
 */
// @ts-ignore: decorator
@inline export function rowMax(x: usize, n: i32): f32 {
  let m0 = loadTail(x, n, -Infinity), m1 = m0, m2 = m0, m3 = m0;
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const at = x + (<usize>i << 2);
    m0 = f32x4.pmax(m0, v128.load(at));
    m1 = f32x4.pmax(m1, v128.load(at, 16));
    m2 = f32x4.pmax(m2, v128.load(at, 32));
    m3 = f32x4.pmax(m3, v128.load(at, 48));
  }
  for (; i + 4 <= n; i += 4) m0 = f32x4.pmax(m0, v128.load(x + (<usize>i << 2)));
  return hmax(f32x4.pmax(f32x4.pmax(m0, m1), f32x4.pmax(m2, m3)));
}

/** out[i] = exp(x[i] - shift) for shift >= max(x); returns the sum of the out values. out may alias x. */
// @ts-ignore: decorator
@inline export function expShifted(x: usize, out: usize, n: i32, shift: f32): f32 {
  const shiftV = f32x4.splat(shift);
  let s0 = f32x4.splat(0), s1 = s0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const at = <usize>i << 2;
    const e0 = expNonPositive4(f32x4.sub(v128.load(x + at), shiftV));
    const e1 = expNonPositive4(f32x4.sub(v128.load(x + at, 16), shiftV));
    v128.store(out + at, e0);
    v128.store(out + at, e1, 16);
    s0 = f32x4.add(s0, e0);
    s1 = f32x4.add(s1, e1);
  }
  if (i + 4 <= n) {
    const at = <usize>i << 2;
    const e = expNonPositive4(f32x4.sub(v128.load(x + at), shiftV));
    v128.store(out + at, e);
    s0 = f32x4.add(s0, e);
  }
  if (n & 3) {
    const e = expNonPositive4(f32x4.sub(loadTail(x, n, -Infinity), shiftV));
    storeTail(out, n, e);
    s1 = f32x4.add(s1, e);
  }
  return hsum(f32x4.add(s0, s1));
}

/** Sum of exp(x[i] - shift) for shift >= max(x). */
// @ts-ignore: decorator
@inline export function sumExpShifted(x: usize, n: i32, shift: f32): f32 {
  const shiftV = f32x4.splat(shift);
  let s0 = f32x4.splat(0), s1 = s0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const at = x + (<usize>i << 2);
    s0 = f32x4.add(s0, expNonPositive4(f32x4.sub(v128.load(at), shiftV)));
    s1 = f32x4.add(s1, expNonPositive4(f32x4.sub(v128.load(at, 16), shiftV)));
  }
  if (i + 4 <= n) s0 = f32x4.add(s0, expNonPositive4(f32x4.sub(v128.load(x + (<usize>i << 2)), shiftV)));
  if (n & 3) s1 = f32x4.add(s1, expNonPositive4(f32x4.sub(loadTail(x, n, -Infinity), shiftV)));
  return hsum(f32x4.add(s0, s1));
}

/** out[i] = x[i] * s + t. */
// @ts-ignore: decorator
@inline export function scaleShift(x: usize, out: usize, n: i32, s: f32, t: f32): void {
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
