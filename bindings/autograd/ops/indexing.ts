/**
 * Indexing: get (Python's basic indexing, a view) and set (in-place assignment, recorded when a
 * gradient flows through it), gather, indexSelect, maskedSelect and their gradients.
 */
import { BackendError, ValueError } from '../../errors.js';
import * as k from '../../kernels/index.js';
import { normaliseAxis } from '../../shape.js';
import { Tensor, tensor, zeros, type TensorOptions } from '../../tensor.js';
import { integer, labelValues } from '../../validate.js';
import { defineOp } from '../graph.js';
import { isGradEnabled } from '../grad-mode.js';
import { scalarLike } from './elementwise.js';
import { reshape } from './shape.js';
import { applyView } from './view.js';

export type { IndexSpec, IndexItem } from '../../kernels/index-spec.js';

/** x[spec]: integers, slices, '...' and None as in Python; a differentiable copy of the view. */
export function get(x: Tensor, spec: k.IndexSpec): Tensor {
  k.tensorArgument('get', 'x', x);
  return applyView(x, k.indexView('get', x.shape, spec));
}

const setOp = defineOp<k.View>({
  name: 'copySlices',
  forward: ([before]) => before.alias(),
  backward: (dy, view, ctx) => {
    let rest: Tensor | null = null;
    if (ctx.needsGrad[0]) {
      rest = k.copy(dy);
      k.writeView('backward of set', rest, view, zeros([], { backend: dy.backend }));
    }
    return [rest, ctx.needsGrad[1] ? k.sumTo(k.materialize(dy, view), ctx.inputShapes[1]) : null];
  },
});

/**
 * x[spec] = value, in place (a number or a tensor broadcast to the view); returns x. Refused, as in
 * PyTorch, on a leaf that requires grad while gradients are recorded; a graph that saved x's old values
 * refuses to run backward afterwards. Through a non-leaf (or a value that requires grad) the gradient
 * flows: the old values get dy outside the view, the value dy inside it.
 */
export function set(x: Tensor, spec: k.IndexSpec, value: Tensor | number): Tensor {
  k.tensorArgument('set', 'x', x);
  const view = k.indexView('set', x.shape, spec);
  const v = typeof value === 'number' ? scalarLike(value, x) : value;
  k.tensorArgument('set', 'value', v);
  const recording = isGradEnabled() && (x.requiresGrad || v.requiresGrad);
  if (recording && x.requiresGrad && x.isLeaf)
    throw new ValueError(
      'set: a leaf tensor that requires grad cannot be written in place while gradients are recorded; ' +
        'write under noGrad(), or into a copy',
    );
  try {
    if (!recording) {
      k.writeView('set', x, view, v);
      x.markModified();
      return x;
    }
    // The old graph moves to `before`; x becomes the output of a node over (before, value).
    const before = x.alias();
    before.requiresGrad = x.requiresGrad;
    before.gradNode = x.gradNode;
    x.gradNode = null;
    k.writeView('set', x, view, v);
    x.markModified();
    const after = setOp([before, v], view);
    x.gradNode = after.gradNode;
    x.requiresGrad = true;
    after.gradNode = null;
    after.dispose();
    before.dispose();
    return x;
  } finally {
    if (v !== value) v.dispose();
  }
}

/** The index tensor (on x's backend) of indices; freed after fn unless it was the caller's. */
function withIndex<T>(fn: string, indices: k.Indices, x: Tensor, limit: number, run: (index: Tensor) => T): T {
  const index = k.indexTensor(fn, indices, x.backend, limit);
  try {
    return run(index);
  } finally {
    if (index !== indices) index.dispose();
  }
}

const indexSelectOp = defineOp<number>({
  name: 'indexSelect',
  forward: ([x, index], axis, ctx) => {
    ctx.save(index);
    return k.indexSelect(x, axis, index);
  },
  backward: (dy, axis, ctx) => {
    const [index] = ctx.saved;
    const spread = k.broadcastTo(index.alias(dy.shape.map((d, i) => (i === axis ? d : 1))), dy.shape);
    return [k.scatterAdd(zeros(ctx.inputShapes[0], { backend: dy.backend }), axis, spread, dy), null];
  },
});

/** The elements of x at indices along axis (PyTorch's index_select); differentiable in x. */
export function indexSelect(x: Tensor, axis: number, indices: k.Indices): Tensor {
  k.tensorArgument('indexSelect', 'x', x);
  const a = normaliseAxis('indexSelect', axis, x.rank);
  return withIndex('indexSelect', indices, x, x.shape[a], (index) => indexSelectOp([x, index], a));
}

const gatherOp = defineOp<number>({
  name: 'gather',
  forward: ([x, index], axis, ctx) => {
    ctx.save(index);
    return k.gather(x, axis, index);
  },
  backward: (dy, axis, ctx) => {
    const [index] = ctx.saved;
    const shape = ctx.inputShapes[0];
    const covered = index.shape.map((d, i) => (i === axis ? shape[i] : d));
    const part = k.scatterAdd(zeros(covered, { backend: dy.backend }), axis, index, dy);
    if (covered.every((d, i) => d === shape[i])) return [part, null];
    const full = zeros(shape, { backend: dy.backend });
    let view = k.contiguousView(shape);
    covered.forEach((d, i) => { view = k.sliceView(view, i, 0, d, 1); });
    k.writeView('backward of gather', full, view, part);
    return [full, null];
  },
});

/** out[…, j, …] = x[…, index[…, j, …], …] along axis (PyTorch's gather); differentiable in x. */
export function gather(x: Tensor, axis: number, index: k.Indices): Tensor {
  k.tensorArgument('gather', 'x', x);
  const a = normaliseAxis('gather', axis, x.rank);
  return withIndex('gather', index, x, x.shape[a], (i) => gatherOp([x, i], a));
}

/** The elements of x where mask (broadcast to x) is non-zero, as a 1-d tensor (PyTorch's masked_select). */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  k.tensorArguments('maskedSelect', { x, mask });
  if (!mask.backend.readSync)
    throw new BackendError(`maskedSelect: the mask's size of result needs a read, and the ${mask.backend.name} backend reads asynchronously; use await maskedSelectAsync(x, mask)`);
  return selectWhere(x, k.broadcastTo(mask, x.shape).dataSync());
}

/** maskedSelect on any backend, reading the mask asynchronously. */
export async function maskedSelectAsync(x: Tensor, mask: Tensor): Promise<Tensor> {
  k.tensorArguments('maskedSelect', { x, mask });
  const spread = k.broadcastTo(mask, x.shape);
  try {
    return selectWhere(x, await spread.data());
  } finally {
    spread.dispose();
  }
}

function selectWhere(x: Tensor, flags: Float32Array): Tensor {
  const picked: number[] = [];
  flags.forEach((f, i) => { if (f !== 0) picked.push(i); });
  return indexSelect(reshape(x, [x.size]), 0, picked);
}

/** One-hot rows for integer labels (PyTorch's one_hot): [...labels.shape, classes] of 0 and 1, no gradient. */
export function oneHot(labels: k.Labels, classes: number, options?: TensorOptions): Tensor {
  integer('oneHot', 'classes', classes, { min: 1 });
  if (!(labels instanceof Tensor)) {
    const values = labelValues('oneHot', labels, (labels as ArrayLike<number>)?.length ?? -1, classes);
    const rows = new Float32Array(values.length * classes);
    for (let i = 0; i < values.length; i++) rows[i * classes + values[i]] = 1;
    return tensor(rows, [values.length, classes], options);
  }
  k.tensorArgument('oneHot', 'labels', labels);
  if (labels.backend.readSync) labelValues('oneHot', labels.dataSync(), labels.size, classes);
  const columns = tensor(Float32Array.from({ length: classes }, (_, i) => i), [classes], { backend: labels.backend });
  try {
    return k.binary('eq', labels.alias([...labels.shape, 1]), columns);
  } finally {
    columns.dispose();
  }
}
