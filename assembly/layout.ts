// Layout kernels: the strided copy (transpose, permute, slice, expand, flip, concatenation) and
// gather / scatter-add along an axis.
import { walkLastLength, walkLastStrideBytes, walkNext, walkOffsetBytes, walkOuterCount } from './strides';

/**
 * out[outOffset + Σ index·outStrides] = x[inOffset + Σ index·inStrides] over a shape, laid out at
 * params as a strides.ts walk with two operands (x, then out).
 */
export function stridedCopy(x: usize, out: usize, params: usize): void {
  const n = walkLastLength(params), outer = walkOuterCount(params);
  const sx = walkLastStrideBytes(params, 0), so = walkLastStrideBytes(params, 1);
  const contiguous = sx == 4 && so == 4;
  for (let t = 0; t < outer; t++) {
    let px = x + walkOffsetBytes(params, 0), po = out + walkOffsetBytes(params, 1);
    if (contiguous) memory.copy(po, px, <usize>n << 2);
    else
      for (let i = 0; i < n; i++) {
        store<f32>(po, load<f32>(px));
        px += sx;
        po += so;
      }
    walkNext(params);
  }
}

/** index[o·so + j·sj + i·si] as an index into [0, length), or -1 when it is not one. */
// @ts-ignore: decorator
@inline function indexAt(index: usize, o: i32, j: i32, i: i32, so: i32, sj: i32, si: i32, length: i32): i32 {
  const v = load<f32>(index + (<usize>(o * so + j * sj + i * si) << 2));
  return v >= 0 && v < <f32>length && Mathf.floor(v) == v ? <i32>v : -1;
}

/**
 * The gather (scatter false): out[o, j, i] = x[o, index(o, j, i), i] for x [outer, length, inner] and
 * out [outer, count, inner], NaN for an index outside [0, length); or the scatter-add (scatter true):
 * x[o, index(o, j, i), i] += out[o, j, i] in (o, j, i) order, indices outside [0, length) skipped.
 * index(o, j, i) = index[o·so + j·sj + i·si] (strides 0 broadcast it).
 */
// @ts-ignore: decorator
@inline function alongAxis(
  scatter: bool, x: usize, index: usize, out: usize, outer: i32, length: i32, inner: i32, count: i32, so: i32, sj: i32, si: i32,
): void {
  let at = out;
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < count; j++)
      for (let i = 0; i < inner; i++) {
        const l = indexAt(index, o, j, i, so, sj, si, length);
        const element = x + ((<usize>(o * length + max(l, 0)) * <usize>inner + <usize>i) << 2);
        if (!scatter) store<f32>(at, l < 0 ? <f32>NaN : load<f32>(element));
        else if (l >= 0) store<f32>(element, load<f32>(element) + load<f32>(at));
        at += 4;
      }
}

export function gather(
  x: usize, index: usize, out: usize, outer: i32, length: i32, inner: i32, count: i32, so: i32, sj: i32, si: i32,
): void {
  alongAxis(false, x, index, out, outer, length, inner, count, so, sj, si);
}

/** out[o, index(o, j, i), i] += src[o, j, i]: the scatter-add of alongAxis, src [outer, count, inner]. */
export function scatterAdd(
  src: usize, index: usize, out: usize, outer: i32, length: i32, inner: i32, count: i32, so: i32, sj: i32, si: i32,
): void {
  alongAxis(true, out, index, src, outer, length, inner, count, so, sj, si);
}
