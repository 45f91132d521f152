/** Metrics: not differentiable, computed on the backend; read back only when the caller awaits. */
import { ShapeError } from '../errors.js';
import * as k from '../kernels.js';
import { formatShape } from '../shape.js';
import { Tensor, tidy } from '../tensor.js';
import { expectTensor } from './graph.js';
import { rows } from './ops/activation.js';

/** Index of the largest entry along the last axis (as f32), shape x.shape without it. */
export function argmax(x: Tensor): Tensor {
  expectTensor('argmax', 'x', x);
  return tidy(() => k.argmax(rows('argmax', x)).alias(x.shape.slice(0, -1)));
}

/** Number of rows of logits [N, C] whose argmax equals the label, as a scalar tensor (d2l's accuracy()). */
export function correctCount(logits: Tensor, labels: k.Labels): Tensor {
  if (!(logits instanceof Tensor) || logits.rank !== 2)
    throw new ShapeError(`correctCount: logits must be [N, classes], got ${logits instanceof Tensor ? formatShape(logits.shape) : String(logits)}`);
  return tidy(() => {
    const predicted = k.argmax(logits);
    const truth = k.labelTensor(labels, logits.shape[0], logits.shape[1], logits);
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
