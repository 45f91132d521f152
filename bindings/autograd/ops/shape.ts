/** Shape ops: reshape, squeeze and unsqueeze, permute and transpose, expand, flip, cat, stack, split, chunk. */
import { ShapeError, ValueError } from '../../errors.js';
import * as k from '../../kernels/index.js';
import { checkShape, formatShape, normaliseAxes, normaliseAxis, resolveShape, shapeSize } from '../../shape.js';
import { Tensor } from '../../tensor.js';
import { describe, integer } from '../../validate.js';
import { defineOp } from '../graph.js';
import { applyView, viewOf } from './view.js';

const reshapeOp = defineOp<readonly number[]>({
  name: 'reshape',
  forward: ([x], shape) => x.alias(shape),
  backward: (dy, _, ctx) => [dy.alias(ctx.inputShapes[0])],
});

/** The same data in another shape (one dimension may be -1); shares storage with x. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  k.tensorArgument('reshape', 'x', x);
  return reshapeOp([x], resolveShape(shape, x.size, 'reshape'));
}

/** Merges dimensions startDim..endDim (inclusive, negative counts from the end) into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  k.tensorArgument('flatten', 'x', x);
  if (x.rank === 0) return reshape(x, [1]);
  const start = normaliseAxis('flatten', startDim, x.rank), end = normaliseAxis('flatten', endDim, x.rank);
  if (start > end) throw new ShapeError(`flatten: startDim ${startDim} comes after endDim ${endDim} for ${formatShape(x.shape)}`);
  return reshape(x, [...x.shape.slice(0, start), shapeSize(x.shape.slice(start, end + 1)), ...x.shape.slice(end + 1)]);
}

/** x without its size-1 axes (all of them, or those given; a given axis of another size stays, as in PyTorch). */
export function squeeze(x: Tensor, axes?: number | readonly number[]): Tensor {
  k.tensorArgument('squeeze', 'x', x);
  const chosen = axes === undefined ? null : normaliseAxes('squeeze', axes, x.rank);
  return reshape(x, x.shape.filter((d, i) => d !== 1 || (chosen !== null && !chosen.includes(i))));
}

/** x with a new size-1 axis at position axis (in [-rank - 1, rank]). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  k.tensorArgument('unsqueeze', 'x', x);
  const a = normaliseAxis('unsqueeze', axis, x.rank + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** x with its axes reordered: axis i of the result is axis dims[i] of x. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  return applyView(x, k.permuteView('permute', viewOf(x), dims));
}

/** x with axes a and b swapped (PyTorch's transpose). */
export function transpose(x: Tensor, a: number, b: number): Tensor {
  k.tensorArgument('transpose', 'x', x);
  const dims = [...Array(x.rank).keys()];
  const [i, j] = [normaliseAxis('transpose', a, x.rank), normaliseAxis('transpose', b, x.rank)];
  [dims[i], dims[j]] = [dims[j], dims[i]];
  return permute(x, dims);
}

/** x with its axes reversed (PyTorch's x.T; for a matrix, its transpose). */
export function reverseAxes(x: Tensor): Tensor {
  k.tensorArgument('T', 'x', x);
  return permute(x, [...Array(x.rank).keys()].reverse());
}

/** x reversed along the axes. */
export function flip(x: Tensor, axes: number | readonly number[]): Tensor {
  k.tensorArgument('flip', 'x', x);
  return applyView(x, k.flipView(viewOf(x), normaliseAxes('flip', axes, x.rank)));
}

const cloneOp = defineOp({
  name: 'clone',
  forward: ([x]) => k.copy(x),
  backward: (dy) => [dy],
});

/** A copy of x with its own storage, through which the gradient flows (PyTorch's clone). */
export function clone(x: Tensor): Tensor {
  return cloneOp([x], undefined);
}

const broadcastOp = defineOp<readonly number[]>({
  name: 'expand',
  forward: ([x], shape) => k.broadcastTo(x, shape),
  backward: (dy, _, ctx) => [k.sumTo(dy, ctx.inputShapes[0])],
});

/** x broadcast to shape (PyTorch's broadcast_to), materialised. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  k.tensorArgument('broadcastTo', 'x', x);
  checkShape(shape, 'broadcastTo');
  return broadcastOp([x], [...shape]);
}

/** PyTorch's expand: broadcastTo where -1 keeps x's size along that axis. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  k.tensorArgument('expand', 'x', x);
  if (!Array.isArray(shape)) throw new ShapeError(`expand: shape must be an array, got ${describe(shape)}`);
  const lead = shape.length - x.rank;
  return broadcastTo(x, shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead] : d)));
}

const catOp = defineOp<number>({
  name: 'cat',
  forward: (inputs, axis) => k.cat(inputs, axis),
  backward: (dy, axis, ctx) => {
    let start = 0;
    return ctx.inputShapes.map((shape, i) => {
      const piece = k.sliceView(k.contiguousView(dy.shape), axis, start, start + shape[axis], 1);
      start += shape[axis];
      return ctx.needsGrad[i] ? k.materialize(dy, piece) : null;
    });
  },
});

function tensorList(fn: string, tensors: unknown): Tensor[] {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new ValueError(`${fn}: expected a non-empty array of tensors, got ${describe(tensors)}`);
  tensors.forEach((t, i) => k.tensorArgument(fn, `tensors[${i}]`, t));
  return tensors as Tensor[];
}

/** Tensors joined along an existing axis (PyTorch's cat). */
export function cat(tensors: readonly Tensor[], axis = 0): Tensor {
  const list = tensorList('cat', tensors);
  return catOp(list, normaliseAxis('cat', axis, list[0].rank));
}

/** Tensors of one shape joined along a new axis (PyTorch's stack). */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  const list = tensorList('stack', tensors);
  const a = normaliseAxis('stack', axis, list[0].rank + 1);
  for (const t of list)
    if (t.shape.join() !== list[0].shape.join())
      throw new ShapeError(`stack: tensors must have one shape, got ${list.map((u) => formatShape(u.shape)).join(', ')}`);
  return cat(list.map((t) => unsqueeze(t, a)), a);
}

/** Pieces of x along axis: of splitSize each (the last may be smaller), or of the sizes listed (PyTorch's split). */
export function split(x: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  k.tensorArgument('split', 'x', x);
  const a = normaliseAxis('split', axis, x.rank), n = x.shape[a];
  let lengths: number[];
  if (typeof sizes === 'number') {
    const size = integer('split', 'splitSize', sizes, { min: 1 });
    lengths = Array.from({ length: Math.max(1, Math.ceil(n / size)) }, (_, i) => Math.min(size, n - i * size));
  } else {
    if (!Array.isArray(sizes)) throw new ValueError(`split: sizes must be a number or an array of numbers, got ${describe(sizes)}`);
    lengths = [...sizes].map((s, i) => integer('split', `sizes[${i}]`, s, { min: 0 }));
    if (lengths.reduce((p, q) => p + q, 0) !== n)
      throw new ShapeError(`split: sizes ${formatShape(lengths)} do not add up to ${n}, the size of axis ${a} of ${formatShape(x.shape)}`);
  }
  let start = 0;
  return lengths.map((length) => {
    const piece = applyView(x, k.sliceView(viewOf(x), a, start, start + length, 1));
    start += length;
    return piece;
  });
}

/** x in `chunks` pieces along axis, each of ceil(size / chunks) but the last (PyTorch's chunk). */
export function chunk(x: Tensor, chunks: number, axis = 0): Tensor[] {
  k.tensorArgument('chunk', 'x', x);
  integer('chunk', 'chunks', chunks, { min: 1 });
  const a = normaliseAxis('chunk', axis, x.rank);
  return split(x, Math.max(1, Math.ceil(x.shape[a] / chunks)), a);
}
