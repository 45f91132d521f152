/** Losses: fused softmax cross-entropy, d2l's squared loss and MSE. */
import { ShapeError, ValueError } from '../../errors.js';
import * as k from '../../kernels/index.js';
import { formatShape } from '../../shape.js';
import { Tensor, tidy } from '../../tensor.js';
import { defineOp } from '../graph.js';
import { abs } from './compare.js';
import { mul, square, sub } from './elementwise.js';
import { mean, sum } from './reduce.js';
import { reshape } from './shape.js';

export type Reduction = 'mean' | 'sum' | 'none';

function checkReduction(op: string, reduction: unknown): Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none')
    throw new ValueError(`${op}: reduction must be 'mean', 'sum' or 'none', got ${String(reduction)}`);
  return reduction;
}

interface CrossEntropyParams {
  labels: k.Labels;
  reduction: Reduction;
}

const crossEntropyOp = defineOp<CrossEntropyParams>({
  name: 'crossEntropy',
  // One kernel call gives the per-row losses and, when recording, the gradient of the reduced loss.
  forward: ([logits], { labels, reduction }, ctx) => {
    const rows = logits.shape[0];
    const { loss, grad } = k.crossEntropy(logits, labels, {
      grad: ctx.recording,
      gradScale: reduction === 'mean' ? 1 / rows : 1,
    });
    if (grad) {
      ctx.save(grad);
      grad.dispose();
    }
    if (reduction === 'none') return loss;
    const total = k.sum(loss);
    loss.dispose();
    if (reduction === 'sum') return total;
    const average = k.unary('scale', total, 1 / rows);
    total.dispose();
    return average;
  },
  // The saved gradient already holds 1/N; scale it by the upstream gradient (per row for 'none').
  backward: (dy, { reduction }, ctx) => {
    const grad = ctx.saved[0];
    const scale = reduction === 'none' ? dy.alias([dy.size, 1]) : dy;
    return [k.binary('mul', grad, scale)];
  },
});

export interface LossOptions {
  /** 'mean' over the batch, 'sum', or 'none' for one loss per example; each loss says its default. */
  reduction?: Reduction;
}

/**
 * Softmax cross-entropy of logits [N, C] against integer labels (N class indices, on the host or in a
 * tensor), on the fused log-sum-exp kernel. PyTorch's F.cross_entropy.
 */
export function crossEntropy(logits: Tensor, labels: k.Labels, options: LossOptions = {}): Tensor {
  const reduction = checkReduction('crossEntropy', options?.reduction ?? 'mean');
  k.tensorArgument('crossEntropy', 'logits', logits);
  if (logits.rank !== 2)
    throw new ShapeError(`crossEntropy: logits must be [N, classes], got ${formatShape(logits.shape)}`);
  if (logits.shape[0] === 0 && reduction === 'mean')
    throw new ShapeError(`crossEntropy: cannot average over an empty batch ${formatShape(logits.shape)}`);
  return crossEntropyOp([logits], { labels, reduction });
}

/** @deprecated The same as crossEntropy (its former name). */
export const softmaxCrossEntropy = crossEntropy;

/** target reshaped to prediction's shape when the sizes agree (d2l's y.reshape(y_hat.shape)). */
function alignTarget(op: string, prediction: Tensor, target: Tensor): Tensor {
  if (!(prediction instanceof Tensor) || !(target instanceof Tensor)) throw new ValueError(`${op}: expected tensors`);
  if (prediction.size !== target.size)
    throw new ShapeError(`${op}: prediction ${formatShape(prediction.shape)} and target ${formatShape(target.shape)} differ in size`);
  return reshape(target, prediction.shape);
}

function reduce(op: string, losses: Tensor, reduction: Reduction): Tensor {
  switch (checkReduction(op, reduction)) {
    case 'none':
      return losses;
    case 'sum':
      return sum(losses);
    case 'mean':
      if (losses.size === 0) throw new ShapeError(`${op}: cannot average an empty batch`);
      return mean(losses);
  }
}

/**
 * d2l's squared_loss: (ŷ − y)²/2 per example, y reshaped to ŷ's shape — no reduction by default, so
 * d2l's `l.sum().backward()` and `sgd(params, lr, batch_size)` divide by the batch size once.
 */
export function squaredLoss(prediction: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  return tidy(() => {
    const y = alignTarget('squaredLoss', prediction, target);
    return reduce('squaredLoss', mul(square(sub(prediction, y)), 0.5), options?.reduction ?? 'none');
  });
}

/** Mean squared error (ŷ − y)², averaged by default (PyTorch's mse_loss). */
export function mseLoss(prediction: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  return tidy(() => {
    const y = alignTarget('mseLoss', prediction, target);
    return reduce('mseLoss', square(sub(prediction, y)), options?.reduction ?? 'mean');
  });
}

/** Mean absolute error |ŷ − y|, averaged by default (PyTorch's l1_loss). */
export function l1Loss(prediction: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  return tidy(() => {
    const y = alignTarget('l1Loss', prediction, target);
    return reduce('l1Loss', abs(sub(prediction, y)), options?.reduction ?? 'mean');
  });
}
