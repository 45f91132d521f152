import { ValueError } from '../errors.js';
import * as k from '../kernels/index.js';
import type { Tensor } from '../tensor.js';
import { Optimizer, checkRate, type Params } from './optimizer.js';

export interface AdamOptions {
  /** Default 1e-3. */
  lr?: number;
  /** Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (PyTorch's Adam, not AdamW); default 0. */
  weightDecay?: number;
}

/** Adam with PyTorch's semantics: per-parameter step counts and bias correction; parameter groups as SGD. */
export class Adam extends Optimizer<Required<AdamOptions>> {
  constructor(params: Params<AdamOptions>, options: AdamOptions = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, ...options }, ['lr', 'betas', 'eps', 'weightDecay']);
  }

  protected resolve(options: Required<AdamOptions>): Required<AdamOptions> {
    const { betas } = options;
    if (!Array.isArray(betas) || betas.length !== 2) throw new ValueError(`Adam: betas must be a pair, got ${String(betas)}`);
    return {
      lr: checkRate('Adam', 'lr', options.lr),
      betas: [checkRate('Adam', 'beta1', betas[0], { max: 1 }), checkRate('Adam', 'beta2', betas[1], { max: 1 })],
      eps: checkRate('Adam', 'eps', options.eps),
      weightDecay: checkRate('Adam', 'weightDecay', options.weightDecay),
    };
  }

  protected update(p: Tensor, grad: Tensor, { lr, betas: [beta1, beta2], eps, weightDecay }: Required<AdamOptions>): void {
    k.adamUpdate(p, grad, this.stateOf(p, 'm'), this.stateOf(p, 'v'), {
      lr, beta1, beta2, eps, weightDecay, step: this.nextStep(p),
    });
  }
}
