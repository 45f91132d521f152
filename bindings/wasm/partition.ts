/** Cutting a kernel's work into per-thread ranges. */

/**
 * [0, total) cut into at most `parts` ranges of nearly equal size whose inner boundaries are
 * multiples of `align` (so that every element takes the same vector or scalar path on any split).
 */
export function splitRange(total: number, parts: number, align: number): [number, number][] {
  const units = Math.ceil(total / align);
  const count = Math.max(1, Math.min(parts, units));
  const base = Math.floor(units / count), extra = units % count;
  const ranges: [number, number][] = [];
  let unit = 0;
  for (let p = 0; p < count; p++) {
    const next = unit + base + (p < extra ? 1 : 0);
    ranges.push([Math.min(unit * align, total), Math.min(next * align, total)]);
    unit = next;
  }
  return ranges;
}

/**
 * Chunks to cut `work` units into: 1 when it holds less than two threads' minimum (`minPerThread`),
 * else up to `perThread` chunks per thread, none smaller than minPerThread / perThread.
 */
export function chunksFor(work: number, minPerThread: number, threads: number, perThread: number): number {
  if (work < 2 * minPerThread) return 1;
  return Math.max(2, Math.min(threads * perThread, Math.floor((work * perThread) / minPerThread)));
}
