import * as k from '../kernels/index.js';
import type { Tensor } from '../tensor.js';
import { Optimizer, checkRate, type Params } from './optimizer.js';

export interface AdagradOptions {
  /** Default 0.01. */
  lr?: number;
  /** The learning rate decays as lr / (1 + (t − 1)·lrDecay); default 0. */
  lrDecay?: number;
  weightDecay?: number;
  /** Starting value of the sum of squared gradients; default 0. */
  initialAccumulatorValue?: number;
  /** Default 1e-10. */
  eps?: number;
}

/** Adagrad with PyTorch's defaults and update rule: p −= lr_t · g / (√(Σ g²) + eps). */
export class Adagrad extends Optimizer<Required<AdagradOptions>> {
  constructor(params: Params<AdagradOptions>, options: AdagradOptions = {}) {
    super(params, { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, ...options },
      ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps']);
  }

  protected resolve(o: Required<AdagradOptions>): Required<AdagradOptions> {
    return {
      lr: checkRate('Adagrad', 'lr', o.lr), lrDecay: checkRate('Adagrad', 'lrDecay', o.lrDecay),
      weightDecay: checkRate('Adagrad', 'weightDecay', o.weightDecay),
      initialAccumulatorValue: checkRate('Adagrad', 'initialAccumulatorValue', o.initialAccumulatorValue),
      eps: checkRate('Adagrad', 'eps', o.eps),
    };
  }

  protected update(p: Tensor, grad: Tensor, o: Required<AdagradOptions>): void {
    const step = this.nextStep(p);
    const rate = o.lr / (1 + (step - 1) * o.lrDecay);
    const g = o.weightDecay !== 0 ? k.binary('add', grad, k.unary('scale', p, o.weightDecay)) : grad;
    const sum = this.stateOf(p, 'sum', o.initialAccumulatorValue);
    k.binaryInPlace('add', sum, k.unary('square', g));
    const scaled = k.binary('div', g, k.unary('shift', k.unary('sqrt', sum), o.eps));
    k.binaryInPlace('sub', p, k.unary('scale', scaled, rate));
  }
}
