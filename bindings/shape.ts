/** Shape algebra: checks, broadcasting, axes, and the layouts the backends take. */
import type { AxisLayout, BroadcastLayout, StridedLayout } from './backend.js';
import { ShapeError } from './errors.js';
import { describe } from './validate.js';

export function formatShape(shape: readonly unknown[]): string {
  return `[${shape.map((d) => (typeof d === 'number' ? String(d) : describe(d))).join(', ')}]`;
}

/** Throws ShapeError unless shape is an array of non-negative safe integers. */
export function checkShape(shape: unknown, fn = 'shape'): asserts shape is readonly number[] {
  if (!Array.isArray(shape)) throw new ShapeError(`${fn}: a shape must be an array of dimensions, got ${describe(shape)}`);
  for (const d of shape)
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)
      throw new ShapeError(`${fn}: dimensions must be non-negative integers, got ${formatShape(shape)}`);
  if (!Number.isSafeInteger(shapeSize(shape)))
    throw new ShapeError(`${fn}: shape ${formatShape(shape)} has more elements than can be counted exactly`);
}

export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Row-major element strides of a contiguous tensor. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d];
  }
  return strides;
}

/** PyTorch's broadcast of shapes, or ShapeError naming fn. */
export function broadcastShapes(shapes: readonly (readonly number[])[], fn = 'broadcast'): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let size = 1;
    for (const s of shapes) {
      const d = s[s.length - rank + i] ?? 1;
      if (d !== 1 && size !== 1 && d !== size)
        throw new ShapeError(`${fn}: shapes ${shapes.map(formatShape).join(' and ')} cannot be broadcast together`);
      if (d !== 1) size = d;
    }
    out.push(size);
  }
  return out;
}

/**
 * Merges adjacent dimensions along which every operand's strides continue contiguously (including
 * two broadcast dimensions) and drops dimensions of size 1. Keeps at least one dimension.
 */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = outShape.length - 1;
    const merges = last >= 0 && strides.every((s, k) => outStrides[k][last] === s[d] * shape[d]);
    if (merges) {
      outShape[last] *= shape[d];
      strides.forEach((s, k) => (outStrides[k][last] = s[d]));
    } else {
      outShape.push(shape[d]);
      strides.forEach((s, k) => outStrides[k].push(s[d]));
    }
  }
  if (outShape.length === 0) return { shape: [1], strides: strides.map(() => [1]) };
  return { shape: outShape, strides: outStrides };
}

/** The output shape of broadcasting `inputs` together, and the collapsed layout the backends take. */
export function broadcastLayout(inputs: readonly (readonly number[])[], fn = 'broadcast'): { shape: number[]; layout: BroadcastLayout } {
  const shape = broadcastShapes(inputs, fn);
  const rank = shape.length;
  const strides = inputs.map((input) => {
    const own = contiguousStrides(input);
    return shape.map((n, d) => {
      const i = d - (rank - input.length);
      return i >= 0 && input[i] === n && n !== 1 ? own[i] : 0;
    });
  });
  const collapsed = collapse(shape, strides);
  return { shape, layout: { shape: collapsed.shape, strides: collapsed.strides } };
}

/** The layout of copying a strided view of x into a contiguous output of `shape`, collapsed. */
export function stridedLayout(
  shape: readonly number[], inOffset: number, inStrides: readonly number[],
  outOffset = 0, outStrides: readonly number[] = contiguousStrides(shape),
): StridedLayout {
  const collapsed = collapse(shape, [inStrides, outStrides]);
  return {
    shape: collapsed.shape, inOffset, inStrides: collapsed.strides[0], outOffset, outStrides: collapsed.strides[1],
  };
}

/**
 * Axes as sorted non-negative indices (all when undefined); negative axes count from the end. A rank-0
 * tensor accepts axis 0 or -1 and has none.
 */
export function normaliseAxes(fn: string, axes: unknown, rank: number): number[] {
  const list = axes === undefined || axes === null ? [...Array(rank).keys()] : typeof axes === 'number' ? [axes] : axes;
  if (!Array.isArray(list)) throw new ShapeError(`${fn}: axes must be a number or an array of numbers, got ${describe(axes)}`);
  const bound = Math.max(rank, 1);
  const out = list.map((axis: unknown) => {
    if (typeof axis !== 'number' || !Number.isInteger(axis))
      throw new ShapeError(`${fn}: an axis must be an integer, got ${describe(axis)}`);
    if (axis < -bound || axis >= bound) throw new ShapeError(`${fn}: axis ${axis} is out of range for a rank-${rank} tensor`);
    return axis < 0 ? axis + bound : axis;
  });
  if (new Set(out).size !== out.length) throw new ShapeError(`${fn}: repeated axis in [${list.join(', ')}]`);
  return out.filter((axis) => axis < rank).sort((x, y) => x - y);
}

/** One axis, normalised (negative counts from the end). */
export function normaliseAxis(fn: string, axis: unknown, rank: number): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis))
    throw new ShapeError(`${fn}: axis must be an integer, got ${describe(axis)}`);
  if (axis < -rank || axis >= rank) throw new ShapeError(`${fn}: axis ${axis} is out of range for a rank-${rank} tensor`);
  return axis < 0 ? axis + rank : axis;
}

/** shape viewed as [outer, length, inner] around axis. */
export function axisLayout(shape: readonly number[], axis: number): AxisLayout {
  return { outer: shapeSize(shape.slice(0, axis)), length: shape[axis], inner: shapeSize(shape.slice(axis + 1)) };
}

/** A shape with one -1 resolved against a total size. */
export function resolveShape(shape: readonly number[], size: number, fn = 'reshape'): number[] {
  if (!Array.isArray(shape)) throw new ShapeError(`${fn}: shape must be an array, got ${describe(shape)}`);
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw new ShapeError(`${fn}: only one dimension may be -1, got ${formatShape(shape)}`);
  const known = shape.filter((d) => d !== -1);
  checkShape(known, fn);
  const knownSize = shapeSize(known);
  const resolved = shape.map((d) => (d === -1 ? (knownSize === 0 ? 0 : size / knownSize) : d));
  if (!Number.isInteger(resolved[shape.indexOf(-1)] ?? 0) || shapeSize(resolved) !== size)
    throw new ShapeError(`${fn}: cannot view ${size} elements as shape ${formatShape(shape)}`);
  return resolved;
}
