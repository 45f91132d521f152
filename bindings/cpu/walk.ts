/** Index walks for the reference backend's strided kernels. */

/** Calls fn with every index of shape in row-major order (the same index array, updated in place). */
export function forEachIndex(shape: readonly number[], fn: (index: readonly number[]) => void): void {
  if (shape.some((d) => d === 0)) return;
  const index = shape.map(() => 0);
  for (;;) {
    fn(index);
    let d = shape.length - 1;
    while (d >= 0 && ++index[d] === shape[d]) index[d--] = 0;
    if (d < 0) return;
  }
}

/** Σ index·strides. */
export function indexAt(index: readonly number[], strides: readonly number[]): number {
  let at = 0;
  for (let d = 0; d < index.length; d++) at += index[d] * strides[d];
  return at;
}
