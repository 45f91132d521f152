/** Gather and scatter-add along an axis: index_select, PyTorch's gather and their backward. */
import type { Backend, GatherArgs } from '../backend.js';
import { ShapeError, ValueError } from '../errors.js';
import { formatShape, normaliseAxis, shapeSize } from '../shape.js';
import { Tensor, tensor } from '../tensor.js';
import { describe } from '../validate.js';
import { launch, tensorArguments } from './launch.js';
import { materialize } from './layout.js';
import { contiguousView, sliceView } from './view.js';

/** Integer indices: a tensor (its values stay on the device) or host numbers. */
export type Indices = Tensor | ArrayLike<number>;

/**
 * Checks indices against [0, limit) where the values can be read synchronously (host arrays, cpu and
 * wasm tensors) and returns them as a tensor on backend (a new one the caller disposes, unless `index`
 * is already a tensor there). On a backend that reads only asynchronously, an index out of range gives
 * NaN in gather and is skipped by scatterAdd, as the kernels promise.
 */
export function indexTensor(fn: string, index: Indices, backend: Backend, limit: number, shape?: readonly number[]): Tensor {
  if (index instanceof Tensor) {
    tensorArguments(fn, { index });
    if (index.backend !== backend) throw new ValueError(`${fn}: index lives on ${index.backend.name}, the data on ${backend.name}`);
    if (index.backend.readSync) checkIndices(fn, index.dataSync(), limit);
    return index;
  }
  if (!index || typeof index !== 'object' || typeof index.length !== 'number')
    throw new ValueError(`${fn}: index must be a tensor or an array of integers, got ${describe(index)}`);
  checkIndices(fn, index, limit);
  return tensor(Float32Array.from(index), shape ?? [index.length], { backend });
}

function checkIndices(fn: string, values: ArrayLike<unknown>, limit: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= limit)
      throw new ValueError(`${fn}: index ${i} is ${describe(v)}: indices must be integers in [0, ${limit})`);
  }
}

/** The elements of x at indices along axis (PyTorch's index_select); the axis gets indices' length. */
export function indexSelect(x: Tensor, axis: number, indices: Indices): Tensor {
  const backend = tensorArguments('indexSelect', { x });
  const a = normaliseAxis('indexSelect', axis, x.rank);
  const index = indexTensor('indexSelect', indices, backend, x.shape[a]);
  try {
    if (index.rank !== 1) throw new ShapeError(`indexSelect: indices must be 1-d, got ${formatShape(index.shape)}`);
    const shape = x.shape.map((d, i) => (i === a ? index.size : d));
    const args = gatherArgs(x.shape, a, index.size, [0, 1, 0]);
    return launch(backend, shape, (out) => backend.gather(x.storage, index.storage, out, args));
  } finally {
    if (index !== indices) index.dispose();
  }
}

function gatherArgs(shape: readonly number[], axis: number, count: number, indexStrides: readonly [number, number, number]): GatherArgs {
  return {
    outer: shapeSize(shape.slice(0, axis)), length: shape[axis], inner: shapeSize(shape.slice(axis + 1)), count, indexStrides,
  };
}

/** Strides of a contiguous index of `shape` viewed as [outer, count, inner] around axis. */
function indexStrides(shape: readonly number[], axis: number): [number, number, number] {
  const inner = shapeSize(shape.slice(axis + 1));
  return [shape[axis] * inner, inner, 1];
}

/**
 * out[…, j, …] = x[…, index[…, j, …], …] along axis (PyTorch's gather): index has x's rank and
 * sizes no larger than x's off the axis; out has index's shape.
 */
export function gather(x: Tensor, axis: number, index: Indices): Tensor {
  const backend = tensorArguments('gather', { x });
  const a = normaliseAxis('gather', axis, x.rank);
  const idx = indexTensor('gather', index, backend, x.shape[a]);
  let source: Tensor = x;
  try {
    if (idx.rank !== x.rank || idx.shape.some((d, i) => i !== a && d > x.shape[i]))
      throw new ShapeError(`gather: index ${formatShape(idx.shape)} must have x's rank and fit in ${formatShape(x.shape)} off axis ${a}`);
    if (idx.shape.some((d, i) => i !== a && d !== x.shape[i])) {
      let view = contiguousView(x.shape);
      idx.shape.forEach((d, i) => { if (i !== a) view = sliceView(view, i, 0, d, 1); });
      source = materialize(x, view);
    }
    const args = gatherArgs(source.shape, a, idx.shape[a], indexStrides(idx.shape, a));
    return launch(backend, idx.shape, (out) => backend.gather(source.storage, idx.storage, out, args));
  } finally {
    if (idx !== index) idx.dispose();
    if (source !== x) source.dispose();
  }
}

/**
 * A copy of x with src added at index along axis (PyTorch's scatter_add): out[…, index[…, j, …], …]
 * += src[…, j, …]; index and src have one shape, equal to x's off the axis.
 */
export function scatterAdd(x: Tensor, axis: number, index: Indices, src: Tensor): Tensor {
  const backend = tensorArguments('scatterAdd', { x, src });
  const a = normaliseAxis('scatterAdd', axis, x.rank);
  const idx = indexTensor('scatterAdd', index, backend, x.shape[a], src.shape);
  try {
    const fits = idx.rank === x.rank && idx.shape.every((d, i) => d === src.shape[i] && (i === a || d === x.shape[i]));
    if (!fits || src.rank !== x.rank)
      throw new ShapeError(
        `scatterAdd: index ${formatShape(idx.shape)} and src ${formatShape(src.shape)} must have one shape, equal to ` +
          `x ${formatShape(x.shape)} off axis ${a}`,
      );
    const args = gatherArgs(x.shape, a, idx.shape[a], indexStrides(idx.shape, a));
    return launch(backend, x.shape, (out) => {
      backend.copy(x.storage, out, x.size);
      if (src.size > 0) backend.scatterAdd(src.storage, idx.storage, out, args);
    });
  } finally {
    if (idx !== index) idx.dispose();
  }
}
