// A walk over an N-d index space for kernels whose operands are strided views (broadcasting,
// transposes, slices). The caller lays the walk out in memory as i32 words:
//   rank R, operand count K, outer count T, shape[R], strides[K][R] (elements, may be negative),
//   offsets[K] (each operand's element offset at the first outer index), counters[R] (that index).
// The last dimension is the inner loop (lastLength, lastStrideBytes); next() steps the outer index.
// A walk may start anywhere and run T outer steps: threads each walk their own part of the space.

// @ts-ignore: decorator
@inline function word(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function setWord(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v);
}

// @ts-ignore: decorator
@inline function rank(p: usize): i32 { return word(p, 0); }
// @ts-ignore: decorator
@inline function operands(p: usize): i32 { return word(p, 1); }
// @ts-ignore: decorator
@inline function shapeAt(p: usize, d: i32): i32 { return word(p, 3 + d); }
// @ts-ignore: decorator
@inline function strideAt(p: usize, k: i32, d: i32): i32 { return word(p, 3 + rank(p) * (1 + k) + d); }
// @ts-ignore: decorator
@inline function offsetIndex(p: usize, k: i32): i32 { return 3 + rank(p) * (1 + operands(p)) + k; }
// @ts-ignore: decorator
@inline function counterIndex(p: usize, d: i32): i32 { return 3 + rank(p) * (1 + operands(p)) + operands(p) + d; }

/** Iterations of the outer loop this walk runs. */
// @ts-ignore: decorator
@inline export function walkOuterCount(p: usize): i32 {
  return word(p, 2);
}

// @ts-ignore: decorator
@inline export function walkLastLength(p: usize): i32 {
  return shapeAt(p, rank(p) - 1);
}

/** Operand k's step along the last dimension, in bytes (negative steps wrap as usize arithmetic). */
// @ts-ignore: decorator
@inline export function walkLastStrideBytes(p: usize, k: i32): usize {
  return <usize>(strideAt(p, k, rank(p) - 1) << 2);
}

/** Operand k's byte offset at the current outer index. */
// @ts-ignore: decorator
@inline export function walkOffsetBytes(p: usize, k: i32): usize {
  return <usize>word(p, offsetIndex(p, k)) << 2;
}

/** Steps the outer index (an odometer over every dimension but the last), moving every offset. */
export function walkNext(p: usize): void {
  const r = rank(p), k = operands(p);
  for (let d = r - 2; d >= 0; d--) {
    const c = word(p, counterIndex(p, d)) + 1;
    const wraps = c == shapeAt(p, d);
    setWord(p, counterIndex(p, d), wraps ? 0 : c);
    const steps = wraps ? 1 - shapeAt(p, d) : 1;
    for (let o = 0; o < k; o++) setWord(p, offsetIndex(p, o), word(p, offsetIndex(p, o)) + steps * strideAt(p, o, d));
    if (!wraps) return;
  }
}
