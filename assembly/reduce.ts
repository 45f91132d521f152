// Reductions of x viewed as [outer, length, inner] along the middle axis, one loop instance per op
// (ops.generated.ts dispatches), and argmax / argmin.
import { reduceInit, reduceScalar, reduceVector } from './ops.generated';

/** Combines the four lanes of v, then the tail x[i..n), into one value. */
// @ts-ignore: decorator
@inline function finishRow(op: i32, v: v128, x: usize, i: i32, n: i32): f32 {
  let acc = reduceScalar(op, reduceScalar(op, f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)),
    reduceScalar(op, f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
  for (; i < n; i++) acc = reduceScalar(op, acc, load<f32>(x + (<usize>i << 2)));
  return acc;
}

/** Reduces one contiguous row of n values, eight lanes at a time. */
// @ts-ignore: decorator
@inline function reduceRow(op: i32, x: usize, n: i32): f32 {
  const init = f32x4.splat(reduceInit(op));
  let s0 = init, s1 = init;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const at = x + (<usize>i << 2);
    s0 = reduceVector(op, s0, v128.load(at));
    s1 = reduceVector(op, s1, v128.load(at, 16));
  }
  return finishRow(op, reduceVector(op, s0, s1), x, i, n);
}

/** dst[i] = combine(dst[i], src[i]) for i < n. */
// @ts-ignore: decorator
@inline function combineInto(op: i32, dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(dst + at, reduceVector(op, v128.load(dst + at), v128.load(src + at)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dst + at, reduceScalar(op, load<f32>(dst + at), load<f32>(src + at)));
  }
}

/**
 * out[o, i] = the reduction over l of x[o, l, i], for i < inner of a tensor whose inner axis has
 * `stride` elements (a thread may take a slice of it; x and out then point at the slice's first column).
 */
// @ts-ignore: decorator
@inline export function reduceLoop(op: i32, x: usize, out: usize, outer: i32, length: i32, inner: i32, stride: i32): void {
  if (stride == 1) {
    for (let o = 0; o < outer; o++)
      store<f32>(out + (<usize>o << 2), reduceRow(op, x + ((<usize>o * <usize>length) << 2), length));
    return;
  }
  const rowBytes = <usize>stride << 2;
  const init = reduceInit(op);
  for (let o = 0; o < outer; o++) {
    const dst = out + <usize>o * rowBytes;
    const src = x + <usize>o * <usize>length * rowBytes;
    for (let i = 0; i < inner; i++) store<f32>(dst + (<usize>i << 2), init);
    for (let l = 0; l < length; l++) combineInto(op, dst, src + <usize>l * rowBytes, inner);
  }
}

/**
 * out[o, i] = the index l of the largest (max) or smallest x[o, l, i], as f32: the first one, or the
 * first NaN when there is one (PyTorch's argmax and argmin). length >= 1. As reduceLoop, i < inner of
 * an inner axis of `stride` elements.
 */
export function argReduce(x: usize, out: usize, outer: i32, length: i32, inner: i32, stride: i32, max: bool): void {
  const step = <usize>stride << 2;
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      let at = x + ((<usize>o * <usize>length * <usize>stride + <usize>i) << 2);
      let best = load<f32>(at);
      let index = 0;
      for (let l = 1; l < length && best == best; l++) {
        at += step;
        const v = load<f32>(at);
        if ((max ? v > best : v < best) || v != v) {
          best = v;
          index = l;
        }
      }
      store<f32>(out + ((<usize>o * <usize>stride + <usize>i) << 2), <f32>index);
    }
}
