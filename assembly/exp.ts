// f32x4 exp: Cephes' expf (range reduction by ln 2 in two parts, degree-5 polynomial, about
// 1 ulp), scaled by 2^n as two factors so that large inputs overflow to inf. For x < -87 (results
// near the smallest normal f32, 1.2e-38) it returns 0 without computing a subnormal: on x86 every
// subnormal result costs a microcode assist of ~100 cycles, and softmax rows meet such inputs often.
import { madd } from './simd';

// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
  // pmax/pmin keep a NaN lane NaN here (x < lo and hi < x are false for NaN).
  const xc = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-87)), f32x4.splat(89));
  // Adding 1.5·2^23 rounds x·log2(e) to an integer, which then sits in the low mantissa bits.
  const magic = f32x4.splat(12582912);
  const t = madd(xc, f32x4.splat(1.44269504088896341), magic);
  const fx = f32x4.sub(t, magic);
  let r = madd(fx, f32x4.splat(-0.693359375), xc);
  r = madd(fx, f32x4.splat(2.12194440e-4), r);
  let y = f32x4.splat(1.9875691500e-4);
  y = madd(y, r, f32x4.splat(1.3981999507e-3));
  y = madd(y, r, f32x4.splat(8.3334519073e-3));
  y = madd(y, r, f32x4.splat(4.1665795894e-2));
  y = madd(y, r, f32x4.splat(1.6666665459e-1));
  y = madd(y, r, f32x4.splat(5.0000001201e-1));
  y = madd(y, f32x4.mul(r, r), f32x4.add(r, f32x4.splat(1)));
  const n = i32x4.sub(t, i32x4.splat(0x4b400000));
  const half = i32x4.shr_s(n, 1);
  const bias = i32x4.splat(127);
  const p1 = i32x4.shl(i32x4.add(half, bias), 23);
  const p2 = i32x4.shl(i32x4.add(i32x4.sub(n, half), bias), 23);
  const underflows = f32x4.lt(x, f32x4.splat(-87));
  return v128.andnot(f32x4.mul(f32x4.mul(y, p1), p2), underflows);
}

/** Scalar exp through the same approximation, for remainders (keeps vector and tail results consistent). */
// @ts-ignore: decorator
@inline export function exp1(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

/** Below this, expNonPositive4 returns 0 (exp(-87) = 1.6e-38 is still a normal f32). */
export const EXP_CUTOFF: f32 = -87;

/**
 * f32x4 exp for x in [EXP_CUTOFF, 0] (softmax's x - max), cheaper than exp4: range reduction by
 * ln 2 in two parts, a degree-5 minimax polynomial (within 1.9e-7 relative over the range), and 2^n read straight
 * from the bits of the rounded n, the magic bias carrying the exponent bias 127. Lanes outside the
 * range give garbage; NaN gives NaN.
 */
// @ts-ignore: decorator
@inline export function expAboveCutoff4(x: v128): v128 {
  // 1.5·2^23 + 127: adding it rounds x·log2(e) to an integer n and leaves n + 127 in the low bits.
  const magic = f32x4.splat(12583039);
  let n = madd(x, f32x4.splat(1.44269504088896341), magic);
  const scale = i32x4.shl(n, 23);
  n = f32x4.sub(n, magic);
  let t = madd(n, f32x4.splat(-0.693145751953125), x);
  t = madd(n, f32x4.splat(-1.4286068203094173e-6), t);
  // 1 + t·(c1 + c2·t + (c3 + c4·t + c5·t²)·t²), in Estrin's order for a shorter dependency chain.
  const t2 = f32x4.mul(t, t);
  const low = madd(f32x4.splat(0.4999915), t, f32x4.splat(0.9999997));
  let high = madd(f32x4.splat(0.041897934), t, f32x4.splat(0.16667636));
  high = madd(f32x4.splat(0.008290316), t2, high);
  return f32x4.mul(madd(t, madd(high, t2, low), f32x4.splat(1)), scale);
}

/**
 * expAboveCutoff4 for any x <= 0: 0 below EXP_CUTOFF (as exp4, so no result is subnormal), -inf
 * gives 0 and NaN gives NaN.
 */
// @ts-ignore: decorator
@inline export function expNonPositive4(x: v128): v128 {
  return v128.andnot(expAboveCutoff4(x), f32x4.lt(x, f32x4.splat(EXP_CUTOFF)));
}
