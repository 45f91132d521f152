import * as k from '../kernels/index.js';
import type { Tensor } from '../tensor.js';
import { Optimizer, checkRate, type Params } from './optimizer.js';

export interface SgdOptions {
  /** Default 1e-3 (PyTorch's). */
  lr?: number;
  /** L2 penalty added to the gradient: g + weightDecay·p (default 0). */
  weightDecay?: number;
  /** Momentum factor (default 0), PyTorch's form: v = momentum·v + g, p −= lr·v. */
  momentum?: number;
}

/**
 * Stochastic gradient descent with PyTorch's semantics (dampening 0, no Nesterov). Takes parameters or
 * parameter groups with options of their own: new SGD([{ params: w, weightDecay: 3 }, { params: b }], { lr }).
 */
export class SGD extends Optimizer<Required<SgdOptions>> {
  constructor(params: Params<SgdOptions>, options: SgdOptions = {}) {
    super(params, { lr: 1e-3, weightDecay: 0, momentum: 0, ...options }, ['lr', 'weightDecay', 'momentum']);
  }

  protected resolve(options: Required<SgdOptions>): Required<SgdOptions> {
    return {
      lr: checkRate('SGD', 'lr', options.lr),
      weightDecay: checkRate('SGD', 'weightDecay', options.weightDecay),
      momentum: checkRate('SGD', 'momentum', options.momentum),
    };
  }

  protected update(p: Tensor, grad: Tensor, options: Required<SgdOptions>): void {
    const velocity = options.momentum !== 0 ? this.stateOf(p, 'velocity') : null;
    k.sgdUpdate(p, grad, velocity, options);
  }
}
