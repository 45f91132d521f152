import * as k from '../kernels/index.js';
import type { Tensor } from '../tensor.js';
import { Optimizer, checkRate, type Params } from './optimizer.js';

export interface RmspropOptions {
  /** Default 0.01. */
  lr?: number;
  /** Smoothing of the squared-gradient average; default 0.99. */
  alpha?: number;
  /** Default 1e-8. */
  eps?: number;
  weightDecay?: number;
  /** Default 0. */
  momentum?: number;
  /** Normalise by the centred variance (subtract the squared mean gradient); default false. */
  centered?: boolean;
}

/** RMSprop with PyTorch's defaults and update rule. */
export class RMSprop extends Optimizer<Required<RmspropOptions>> {
  constructor(params: Params<RmspropOptions>, options: RmspropOptions = {}) {
    super(params, { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, ...options },
      ['lr', 'alpha', 'eps', 'weightDecay', 'momentum', 'centered']);
  }

  protected resolve(o: Required<RmspropOptions>): Required<RmspropOptions> {
    return {
      lr: checkRate('RMSprop', 'lr', o.lr), alpha: checkRate('RMSprop', 'alpha', o.alpha), eps: checkRate('RMSprop', 'eps', o.eps),
      weightDecay: checkRate('RMSprop', 'weightDecay', o.weightDecay), momentum: checkRate('RMSprop', 'momentum', o.momentum),
      centered: Boolean(o.centered),
    };
  }

  protected update(p: Tensor, grad: Tensor, o: Required<RmspropOptions>): void {
    const g = o.weightDecay !== 0 ? k.binary('add', grad, k.unary('scale', p, o.weightDecay)) : grad;
    // v = alpha·v + (1 − alpha)·g²
    const v = this.stateOf(p, 'squareAverage');
    k.unaryInPlace('scale', v, o.alpha);
    k.binaryInPlace('add', v, k.unary('scale', k.unary('square', g), 1 - o.alpha));
    let variance = v;
    if (o.centered) {
      const mean = this.stateOf(p, 'gradAverage');
      k.unaryInPlace('scale', mean, o.alpha);
      k.binaryInPlace('add', mean, k.unary('scale', g, 1 - o.alpha));
      variance = k.binary('sub', v, k.unary('square', mean));
    }
    const normalised = k.binary('div', g, k.unary('shift', k.unary('sqrt', variance), o.eps));
    if (o.momentum > 0) {
      const buffer = this.stateOf(p, 'momentum');
      k.unaryInPlace('scale', buffer, o.momentum);
      k.binaryInPlace('add', buffer, normalised);
      k.binaryInPlace('sub', p, k.unary('scale', buffer, o.lr));
    } else k.binaryInPlace('sub', p, k.unary('scale', normalised, o.lr));
  }
}
