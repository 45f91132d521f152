/** Loss modules (PyTorch's nn.MSELoss, nn.CrossEntropyLoss, nn.L1Loss): forward(prediction, target). */
import { crossEntropy, l1Loss, mseLoss, type Reduction } from '../autograd/ops/loss.js';
import type { Labels } from '../kernels/index.js';
import type { Tensor } from '../tensor.js';
import { oneOf, options as checkOptions } from '../validate.js';
import { Module } from './module.js';

export interface LossModuleOptions {
  /** 'mean' (default), 'sum' or 'none'. */
  reduction?: Reduction;
}

const REDUCTIONS = ['mean', 'sum', 'none'] as const;

function reductionOf(fn: string, options: LossModuleOptions | undefined): Reduction {
  const { reduction = 'mean' } = checkOptions(fn, options, ['reduction']);
  return oneOf(fn, 'reduction', reduction, REDUCTIONS);
}

export class MSELoss extends Module {
  readonly reduction: Reduction;

  constructor(options?: LossModuleOptions) {
    super();
    this.reduction = reductionOf('MSELoss', options);
  }

  forward(prediction: Tensor, target: Tensor): Tensor {
    return mseLoss(prediction, target, { reduction: this.reduction });
  }
}

export class L1Loss extends Module {
  readonly reduction: Reduction;

  constructor(options?: LossModuleOptions) {
    super();
    this.reduction = reductionOf('L1Loss', options);
  }

  forward(prediction: Tensor, target: Tensor): Tensor {
    return l1Loss(prediction, target, { reduction: this.reduction });
  }
}

/** Softmax cross-entropy of logits [N, C] against integer class labels. */
export class CrossEntropyLoss extends Module {
  readonly reduction: Reduction;

  constructor(options?: LossModuleOptions) {
    super();
    this.reduction = reductionOf('CrossEntropyLoss', options);
  }

  forward(logits: Tensor, labels: Labels): Tensor {
    return crossEntropy(logits, labels, { reduction: this.reduction });
  }
}
