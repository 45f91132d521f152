import * as k from '../kernels/index.js';
import type { Tensor } from '../tensor.js';
import { Optimizer, checkRate } from './optimizer.js';

export interface SgdOptions {
  lr: number;
  /** L2 penalty added to the gradient: g + weightDecay·p (default 0). */
  weightDecay?: number;
  /** Momentum factor (default 0), PyTorch's form: v = momentum·v + g, p −= lr·v. */
  momentum?: number;
}

/** Stochastic gradient descent with PyTorch's semantics (dampening 0, no Nesterov). */
export class SGD extends Optimizer {
  lr: number;
  readonly weightDecay: number;
  readonly momentum: number;

  constructor(params: Iterable<Tensor>, options: SgdOptions) {
    super(params);
    this.lr = checkRate('SGD', 'lr', options?.lr);
    this.weightDecay = checkRate('SGD', 'weightDecay', options.weightDecay ?? 0);
    this.momentum = checkRate('SGD', 'momentum', options.momentum ?? 0);
  }

  step(): void {
    for (const p of this.params) {
      if (!p.grad) continue;
      const velocity = this.momentum !== 0 ? this.stateOf(p, 'velocity') : null;
      k.sgdUpdate(p, p.grad, velocity, { lr: this.lr, weightDecay: this.weightDecay, momentum: this.momentum });
    }
  }
}
