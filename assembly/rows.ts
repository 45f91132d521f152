// Row helpers shared by softmax and cross-entropy, inlined so that each kernel sets up its
// constants once rather than once per row. The last n & 3 elements of a row go through
// the vector code too, as one vector padded with -inf (which adds nothing to a max or a sum of exps).
import { hmax, hsum } from './simd';
import { EXP_CUTOFF, expAboveCutoff4, expNonPositive4 } from './exp';

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

/** max of maxes' lanes and min of mins' lanes, as lanes 0 and 1. */
// @ts-ignore: decorator
@inline function maxMinLanes(maxes: v128, mins: v128): v128 {
  return f32x4.replace_lane(f32x4.splat(hmax(maxes)), 1, -hmax(f32x4.neg(mins)));
}

/**
 * max and min of x[0..n), n >= 1, in lanes 0 and 1, with pmax and pmin (one instruction each; they
 * may skip NaN elements, which still make the callers' sums of exp(x - max) NaN, as they should).
 * Four accumulators each keep four maxes and mins in flight.
 */
// @ts-ignore: decorator
@inline export function rowMaxMin(x: usize, n: i32): v128 {
  const tailMax = loadTail(x, n, -Infinity), tailMin = loadTail(x, n, Infinity);
  let a0 = tailMax, a1 = tailMax, a2 = tailMax, a3 = tailMax;
  let b0 = tailMin, b1 = tailMin, b2 = tailMin, b3 = tailMin;
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const at = x + (<usize>i << 2);
    const v0 = v128.load(at), v1 = v128.load(at, 16), v2 = v128.load(at, 32), v3 = v128.load(at, 48);
    a0 = f32x4.pmax(a0, v0);
    a1 = f32x4.pmax(a1, v1);
    a2 = f32x4.pmax(a2, v2);
    a3 = f32x4.pmax(a3, v3);
    b0 = f32x4.pmin(b0, v0);
    b1 = f32x4.pmin(b1, v1);
    b2 = f32x4.pmin(b2, v2);
    b3 = f32x4.pmin(b3, v3);
  }
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    a0 = f32x4.pmax(a0, v);
    b0 = f32x4.pmin(b0, v);
  }
  return maxMinLanes(f32x4.pmax(f32x4.pmax(a0, a1), f32x4.pmax(a2, a3)), f32x4.pmin(f32x4.pmin(b0, b1), f32x4.pmin(b2, b3)));
}

/**
 * out[i] = exp(x[i] - shift), where shift = max(x) and least = min(x) (from rowMaxMin); returns
 * the sum of the out values. out may alias x.
 */
// @ts-ignore: decorator
@inline export function expShifted(x: usize, out: usize, n: i32, shift: f32, least: f32): f32 {
  return least - shift >= EXP_CUTOFF
    ? expShiftedLoop(x, out, n, shift, false)
    : expShiftedLoop(x, out, n, shift, true);
}

// @ts-ignore: decorator
@inline function expShiftedLoop(x: usize, out: usize, n: i32, shift: f32, cutoff: bool): f32 {
  const shiftV = f32x4.splat(shift);
  let s0 = f32x4.splat(0), s1 = s0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const at = <usize>i << 2;
    const d0 = f32x4.sub(v128.load(x + at), shiftV), d1 = f32x4.sub(v128.load(x + at, 16), shiftV);
    const e0 = cutoff ? expNonPositive4(d0) : expAboveCutoff4(d0);
    const e1 = cutoff ? expNonPositive4(d1) : expAboveCutoff4(d1);
    v128.store(out + at, e0);
    v128.store(out + at, e1, 16);
    s0 = f32x4.add(s0, e0);
    s1 = f32x4.add(s1, e1);
  }
  if (i + 4 <= n) {
    const at = <usize>i << 2;
    const d = f32x4.sub(v128.load(x + at), shiftV);
    const e = cutoff ? expNonPositive4(d) : expAboveCutoff4(d);
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

/** Sum of exp(x[i] - shift), where shift = max(x) and least = min(x) (from rowMaxMin). */
// @ts-ignore: decorator
@inline export function sumExpShifted(x: usize, n: i32, shift: f32, least: f32): f32 {
  return least - shift >= EXP_CUTOFF
    ? sumExpShiftedLoop(x, n, shift, false)
    : sumExpShiftedLoop(x, n, shift, true);
}

// @ts-ignore: decorator
@inline function sumExpShiftedLoop(x: usize, n: i32, shift: f32, cutoff: bool): f32 {
  const shiftV = f32x4.splat(shift);
  let s0 = f32x4.splat(0), s1 = s0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const at = x + (<usize>i << 2);
    const d0 = f32x4.sub(v128.load(at), shiftV), d1 = f32x4.sub(v128.load(at, 16), shiftV);
    s0 = f32x4.add(s0, cutoff ? expNonPositive4(d0) : expAboveCutoff4(d0));
    s1 = f32x4.add(s1, cutoff ? expNonPositive4(d1) : expAboveCutoff4(d1));
  }
  if (i + 4 <= n) {
    const d = f32x4.sub(v128.load(x + (<usize>i << 2)), shiftV);
    s0 = f32x4.add(s0, cutoff ? expNonPositive4(d) : expAboveCutoff4(d));
  }
  if (n & 3) s1 = f32x4.add(s1, expNonPositive4(f32x4.sub(loadTail(x, n, -Infinity), shiftV)));
  return hsum(f32x4.add(s0, s1));
}

/** The last pass over a row: out = x·a (softmax's scaling) or (x − a) − b (log-softmax). */
// @ts-ignore: decorator
@inline function finish4(log: bool, v: v128, a: v128, b: v128): v128 {
  return log ? f32x4.sub(f32x4.sub(v, a), b) : f32x4.mul(v, a);
}

// @ts-ignore: decorator
@inline function finish1(log: bool, v: f32, a: f32, b: f32): f32 {
  return log ? (v - a) - b : v * a;
}

/**
 * The last pass over a row, out[i] = finish(x[i]) over [0..n), while reading the next row, next[0..n):
 * returns its max and min as rowMaxMin does. Interleaving the two lets the next row's loads from memory
 * overlap this row's work. out may alias x.
 */
// @ts-ignore: decorator
@inline function finishRowThenMaxMin(log: bool, x: usize, out: usize, n: i32, a: f32, b: f32, next: usize): v128 {
  const av = f32x4.splat(a), bv = f32x4.splat(b);
  const tailMax = loadTail(next, n, -Infinity), tailMin = loadTail(next, n, Infinity);
  let a0 = tailMax, a1 = tailMax, b0 = tailMin, b1 = tailMin;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const at = <usize>i << 2;
    const v0 = v128.load(next + at), v1 = v128.load(next + at, 16);
    v128.store(out + at, finish4(log, v128.load(x + at), av, bv));
    v128.store(out + at, finish4(log, v128.load(x + at, 16), av, bv), 16);
    a0 = f32x4.pmax(a0, v0);
    a1 = f32x4.pmax(a1, v1);
    b0 = f32x4.pmin(b0, v0);
    b1 = f32x4.pmin(b1, v1);
  }
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const v = v128.load(next + at);
    v128.store(out + at, finish4(log, v128.load(x + at), av, bv));
    a0 = f32x4.pmax(a0, v);
    b0 = f32x4.pmin(b0, v);
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, finish1(log, load<f32>(x + at), a, b));
  }
  return maxMinLanes(f32x4.pmax(a0, a1), f32x4.pmin(b0, b1));
}

/** y[i] *= s over y[0..n), then the next row's max and min (finishRowThenMaxMin). */
// @ts-ignore: decorator
@inline export function scaleRowThenMaxMin(y: usize, n: i32, s: f32, next: usize): v128 {
  return finishRowThenMaxMin(false, y, y, n, s, 0, next);
}

/** out[i] = (x[i] - max) - logTotal over [0..n), then the next row's max and min (finishRowThenMaxMin). */
// @ts-ignore: decorator
@inline export function logSoftmaxRowThenMaxMin(x: usize, out: usize, n: i32, max: f32, logTotal: f32, next: usize): v128 {
  return finishRowThenMaxMin(true, x, out, n, max, logTotal, next);
}
