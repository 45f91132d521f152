/** Reductions along axes, argmax / argmin, and the broadcast pair broadcastTo / sumTo. */
import type { ArgReduceOp, ReduceOp } from '../backend.js';
import { ShapeError } from '../errors.js';
import { REDUCE_OPS } from '../op-table/index.js';
import {
  axisLayout, broadcastShapes, checkShape, contiguousStrides, formatShape, normaliseAxes, normaliseAxis, sameShape, shapeSize,
  stridedLayout,
} from '../shape.js';
import type { Tensor } from '../tensor.js';
import { boolean, oneOf } from '../validate.js';
import { launch, tensorArguments } from './launch.js';

/** Runs of consecutive axes, innermost run first: each run reduces as one axis. */
function axisRuns(axes: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const axis of axes) {
    const last = runs[runs.length - 1];
    if (last && last[1] === axis) last[1] = axis + 1;
    else runs.push([axis, axis + 1]);
  }
  return runs.reverse();
}

/** op over axes (all by default); reduced axes stay as size 1 when keepDims. */
export function reduce(op: ReduceOp, x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  oneOf('reduce', 'op', op, REDUCE_OPS);
  const backend = tensorArguments(op, { x });
  boolean(op, 'keepDims', keepDims);
  const reduced = normaliseAxes(op, axes, x.rank);
  const keptShape = x.shape.map((d, i) => (reduced.includes(i) ? 1 : d));
  const outShape = keepDims ? keptShape : x.shape.filter((_, i) => !reduced.includes(i));
  if ((op === 'max' || op === 'min') && reduced.some((axis) => x.shape[axis] === 0))
    throw new ShapeError(`${op}: cannot reduce over an empty axis of ${formatShape(x.shape)}`);
  if (reduced.length === 0) return launch(backend, outShape, (out) => backend.copy(x.storage, out, x.size));
  let current = x;
  const shape = [...x.shape];
  for (const [start, end] of axisRuns(reduced)) {
    const layout = { outer: shapeSize(shape.slice(0, start)), length: shapeSize(shape.slice(start, end)), inner: shapeSize(shape.slice(end)) };
    shape.fill(1, start, end);
    const source = current;
    const last = start === reduced[0];
    current = launch(backend, last ? outShape : shape, (out) => {
      if (layout.length === 0) backend.fill(out, op === 'prod' ? 1 : 0, layout.outer * layout.inner);
      else backend.reduce(op, source.storage, out, layout);
    });
    if (source !== x) source.dispose();
  }
  return current;
}

export function sum(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  return reduce('sum', x, axes, keepDims);
}

/**
 * Index of the largest (argmax) or smallest (argmin) element along axis, as f32; the first one, or the
 * first NaN. Without an axis, the index into the flattened tensor (PyTorch).
 */
export function argReduce(op: ArgReduceOp, x: Tensor, axis?: number, keepDims = false): Tensor {
  oneOf('argReduce', 'op', op, ['argmax', 'argmin'] as const);
  const backend = tensorArguments(op, { x });
  boolean(op, 'keepDims', keepDims);
  if (x.size === 0) throw new ShapeError(`${op}: cannot take the ${op} of an empty tensor ${formatShape(x.shape)}`);
  if (axis === undefined || axis === null) {
    const shape = keepDims ? x.shape.map(() => 1) : [];
    return launch(backend, shape, (out) => backend.argReduce(op, x.storage, out, { outer: 1, length: x.size, inner: 1 }));
  }
  const a = normaliseAxis(op, axis, Math.max(x.rank, 1));
  const shape = x.rank === 0 ? [] : keepDims ? x.shape.map((d, i) => (i === a ? 1 : d)) : x.shape.filter((_, i) => i !== a);
  const layout = x.rank === 0 ? { outer: 1, length: 1, inner: 1 } : axisLayout(x.shape, a);
  return launch(backend, shape, (out) => backend.argReduce(op, x.storage, out, layout));
}

export function argmax(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argReduce('argmax', x, axis, keepDims);
}

export function argmin(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argReduce('argmin', x, axis, keepDims);
}

/** x broadcast (PyTorch rules) to shape, materialised by one strided copy. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  const backend = tensorArguments('broadcastTo', { x });
  checkShape(shape, 'broadcastTo');
  const outShape = broadcastShapes([shape, x.shape], 'broadcastTo');
  if (!sameShape(outShape, shape))
    throw new ShapeError(`broadcastTo: ${formatShape(x.shape)} cannot be broadcast to ${formatShape(shape)}`);
  const own = contiguousStrides(x.shape), lead = shape.length - x.rank;
  const strides = shape.map((n, d) => (d < lead || x.shape[d - lead] !== n || n === 1 ? 0 : own[d - lead]));
  return launch(backend, shape, (out) => backend.stridedCopy(x.storage, out, stridedLayout(shape, 0, strides)));
}

/**
 * Sums x down to shape, the inverse of broadcasting shape up to x's shape: the gradient of a
 * broadcast input. Returns x itself when shape is x's shape (nothing to sum), a new tensor otherwise.
 */
export function sumTo(x: Tensor, shape: readonly number[]): Tensor {
  tensorArguments('sumTo', { x });
  const lead = x.rank - shape.length;
  const broadcast = lead >= 0 && sameShape(broadcastShapes([shape, x.shape], 'sumTo'), x.shape);
  if (!broadcast) throw new ShapeError(`sumTo: ${formatShape(x.shape)} is not a broadcast of ${formatShape(shape)}`);
  if (sameShape(shape, x.shape)) return x;
  const axes: number[] = [];
  for (let i = 0; i < x.rank; i++) if (i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1)) axes.push(i);
  const summed = sum(x, axes, true);
  const result = summed.alias(shape);
  summed.dispose();
  return result;
}
