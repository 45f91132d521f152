/** Row kernels: softmax and log-softmax along an axis, fused log-sum-exp cross-entropy. */
import { ShapeError } from '../errors.js';
import { callFused } from '../fused/index.js';
import { formatShape, normaliseAxis } from '../shape.js';
import { Tensor, empty, tensor } from '../tensor.js';
import { finiteNumber, labelValues, options as checkOptions } from '../validate.js';
import { launch, tensorArguments } from './launch.js';
import { permute } from './layout.js';

/** x as [rows, size of its last axis]. */
export function rowShape(fn: string, x: Tensor): [number, number] {
  if (x.rank === 0 || x.shape[x.rank - 1] === 0)
    throw new ShapeError(`${fn}: needs a last axis with at least one element, got ${formatShape(x.shape)}`);
  const cols = x.shape[x.rank - 1];
  return [x.size / cols, cols];
}

/** Runs a row kernel along axis: directly on the last axis, else with the axis moved last and back. */
function alongAxis(fn: string, x: Tensor, axis: number, kernel: (x: Tensor) => Tensor): Tensor {
  const a = normaliseAxis(fn, axis, Math.max(x.rank, 1));
  if (x.rank === 0 || a === x.rank - 1) return kernel(x);
  const order = [...Array(x.rank).keys()].filter((d) => d !== a).concat(a);
  const inverse = order.map((_, d) => order.indexOf(d));
  const moved = permute(x, order);
  try {
    const y = kernel(moved);
    try {
      return permute(y, inverse);
    } finally {
      y.dispose();
    }
  } finally {
    moved.dispose();
  }
}

function softmaxRows(fn: string, x: Tensor, log: boolean): Tensor {
  const backend = tensorArguments(fn, { x });
  const [rows, cols] = rowShape(fn, x);
  return launch(backend, x.shape, (out) => callFused(backend, 'softmax', x.storage, out, rows, cols, log));
}

/** Softmax along axis (default the last), max-subtracted. */
export function softmax(x: Tensor, axis = -1): Tensor {
  tensorArguments('softmax', { x });
  return alongAxis('softmax', x, axis, (t) => softmaxRows('softmax', t, false));
}

/** Log-softmax along axis (default the last), max-subtracted. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  tensorArguments('logSoftmax', { x });
  return alongAxis('logSoftmax', x, axis, (t) => softmaxRows('logSoftmax', t, true));
}

/** Integer class labels: a host array, or a 1-d tensor of class indices. */
export type Labels = ArrayLike<number> | Tensor;

/**
 * Labels as a tensor on `like`'s backend: host labels are checked and uploaded (a new tensor the
 * caller disposes); a tensor is checked where it can be read synchronously and used as it is (an
 * invalid label on WebGPU gives a NaN loss and gradient row, never an out-of-range read).
 */
export function labelTensor(fn: string, labels: Labels, rows: number, classes: number, like: Tensor): Tensor {
  if (labels instanceof Tensor) {
    tensorArguments(fn, { logits: like, labels });
    if (labels.rank !== 1 || labels.size !== rows)
      throw new ShapeError(`${fn}: labels must be [${rows}] for ${rows} rows, got ${formatShape(labels.shape)}`);
    if (labels.backend.readSync) labelValues(fn, labels.dataSync(), rows, classes);
    return labels;
  }
  return tensor(Float32Array.from(labelValues(fn, labels, rows, classes)), [rows], { backend: like.backend });
}

export interface CrossEntropyOptions {
  /** Also compute the gradient (softmax − onehot) · gradScale. */
  grad?: boolean;
  /** Scale of the gradient; default 1 / rows (the gradient of the mean loss). */
  gradScale?: number;
}

export interface CrossEntropyResult {
  /** Per-row loss, [rows]. */
  loss: Tensor;
  /** (softmax − onehot) · gradScale, [rows, classes], when asked for. */
  grad: Tensor | null;
}

/** Fused log-sum-exp softmax cross-entropy of logits [rows, classes] over integer labels. */
export function crossEntropy(logits: Tensor, labels: Labels, options?: CrossEntropyOptions): CrossEntropyResult {
  const { grad: wantGrad = false, gradScale: scale } = checkOptions('crossEntropy', options, ['grad', 'gradScale']);
  const backend = tensorArguments('crossEntropy', { logits });
  if (logits.rank !== 2 || logits.shape[1] === 0)
    throw new ShapeError(`crossEntropy: expected logits [rows, classes] with at least one class, got ${formatShape(logits.shape)}`);
  const [rows, cols] = logits.shape;
  const gradScale = finiteNumber('crossEntropy', 'gradScale', scale ?? (rows > 0 ? 1 / rows : 1));
  const labelsOnDevice = labelTensor('crossEntropy', labels, rows, cols, logits);
  let grad: Tensor | null = null;
  try {
    grad = wantGrad ? empty(logits.shape, backend) : null;
    const loss = launch(backend, [rows], (out) => {
      callFused(backend, 'crossEntropy', logits.storage, labelsOnDevice.storage, out, grad ? grad.storage : null, rows, cols, gradScale);
    });
    return { loss, grad };
  } catch (error) {
    grad?.dispose();
    throw error;
  } finally {
    if (labelsOnDevice !== labels) labelsOnDevice.dispose();
  }
}
