import { ShapeError } from './errors.js';

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Throws ShapeError unless every dimension is a non-negative safe integer. */
export function checkShape(shape: readonly number[]): void {
  if (!Array.isArray(shape)) throw new ShapeError(`a shape must be an array of dimensions, got ${String(shape)}`);
  for (const d of shape)
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)
      throw new ShapeError(`dimensions must be non-negative integers, got ${formatShape(shape)}`);
}

export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** PyTorch's broadcast of two shapes, or ShapeError. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1, db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new ShapeError(`shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together`);
    out.push(da === 1 ? db : da);
  }
  return out;
}
