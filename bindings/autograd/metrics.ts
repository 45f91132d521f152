/** Metrics: not differentiable, computed on the backend; read back only when the caller awaits. */
import { ShapeError } from '../errors.js';
import * as k from '../kernels/index.js';
import { formatShape } from '../shape.js';
import { Tensor, tidy } from '../tensor.js';

/**
 * Index of the largest element along axis (as f32), or into the flattened tensor when axis is left
 * out (PyTorch's argmax); the first one, or the first NaN.
 */
export function argmax(x: Tensor, axis?: number, keepDims = false): Tensor {
  return k.argmax(x, axis, keepDims);
}

/** Index of the smallest element along axis (PyTorch's argmin). */
export function argmin(x: Tensor, axis?: number, keepDims = false): Tensor {
  return k.argmin(x, axis, keepDims);
}

/** Number of rows of logits [N, C] whose argmax equals the label, as a scalar tensor (d2l's accuracy()). */
export function correctCount(logits: Tensor, labels: k.Labels): Tensor {
  if (!(logits instanceof Tensor) || logits.rank !== 2)
    throw new ShapeError(`correctCount: logits must be [N, classes], got ${logits instanceof Tensor ? formatShape(logits.shape) : String(logits)}`);
  return tidy(() => {
    const predicted = k.argmax(logits, 1);
    const truth = k.labelTensor('correctCount', labels, logits.shape[0], logits.shape[1], logits);
    return k.sum(k.binary('eq', predicted, truth));
  });
}

/** Fraction of rows of logits [N, C] classified as their label. */
export async function accuracy(logits: Tensor, labels: k.Labels): Promise<number> {
  const correct = correctCount(logits, labels);
  const [count] = await correct.data();
  correct.dispose();
  return logits.shape[0] === 0 ? 0 : count / logits.shape[0];
}
