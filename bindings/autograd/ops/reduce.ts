/** Reductions and shape changes. */
import { ShapeError } from '../../errors.js';
import * as k from '../../kernels/index.js';
import { formatShape, normaliseAxes, resolveShape, shapeSize } from '../../shape.js';
import { Tensor, tidy } from '../../tensor.js';
import { defineOp } from '../graph.js';
import { mul } from './elementwise.js';

export type Axes = number | readonly number[];

interface SumParams {
  axes: number[];
  keepDims: boolean;
}

const sumOp = defineOp<SumParams>({
  name: 'sum',
  forward: ([x], { axes, keepDims }) => k.sum(x, axes, keepDims),
  backward: (dy, { axes }, ctx) => {
    const shape = ctx.inputShapes[0];
    const kept = dy.alias(shape.map((d, i) => (axes.includes(i) ? 1 : d)));
    return [k.broadcastTo(kept, shape)];
  },
});

/** Sum over axes (all by default); reduced axes stay as size 1 when keepDims. */
export function sum(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  k.tensorArgument('sum', 'x', x);
  return sumOp([x], { axes: normaliseAxes('sum', axes, x.rank), keepDims });
}

/** Mean over axes (all by default); reduced axes stay as size 1 when keepDims. */
export function mean(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  k.tensorArgument('mean', 'x', x);
  const reduced = normaliseAxes('mean', axes, x.rank);
  const count = shapeSize(reduced.map((axis) => x.shape[axis]));
  if (count === 0) throw new ShapeError(`mean: no elements to average over axes [${reduced.join(', ')}] of ${formatShape(x.shape)}`);
  return tidy(() => mul(sumOp([x], { axes: reduced, keepDims }), 1 / count));
}

const reshapeOp = defineOp<readonly number[]>({
  name: 'reshape',
  forward: ([x], shape) => x.alias(shape),
  backward: (dy, _, ctx) => [dy.alias(ctx.inputShapes[0])],
});

/** The same data in another shape (one dimension may be -1); shares storage with x. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  k.tensorArgument('reshape', 'x', x);
  if (!Array.isArray(shape)) throw new ShapeError(`reshape: shape must be an array, got ${String(shape)}`);
  return reshapeOp([x], resolveShape(shape, x.size));
}

/** Merges dimensions startDim..endDim (inclusive, negative counts from the end) into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  k.tensorArgument('flatten', 'x', x);
  const rank = x.rank;
  if (rank === 0) return reshape(x, [1]);
  const start = startDim < 0 ? startDim + rank : startDim;
  const end = endDim < 0 ? endDim + rank : endDim;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end >= rank || start > end)
    throw new ShapeError(`flatten: dims ${startDim}..${endDim} are out of range for ${formatShape(x.shape)}`);
  const shape = [...x.shape.slice(0, start), shapeSize(x.shape.slice(start, end + 1)), ...x.shape.slice(end + 1)];
  return reshape(x, shape);
}
