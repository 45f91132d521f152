import { ValueError } from '../errors.js';
import * as k from '../kernels/index.js';
import type { Tensor } from '../tensor.js';
import { Optimizer, checkRate } from './optimizer.js';

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

/** Adam with PyTorch's semantics: per-parameter step counts and bias correction. */
export class Adam extends Optimizer {
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly steps = new Map<Tensor, number>();

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params);
    this.lr = checkRate('Adam', 'lr', options.lr ?? 1e-3);
    const betas = options.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2) throw new ValueError(`Adam: betas must be a pair, got ${String(betas)}`);
    this.beta1 = checkRate('Adam', 'beta1', betas[0], { max: 1 });
    this.beta2 = checkRate('Adam', 'beta2', betas[1], { max: 1 });
    this.eps = checkRate('Adam', 'eps', options.eps ?? 1e-8);
    this.weightDecay = checkRate('Adam', 'weightDecay', options.weightDecay ?? 0);
  }

  step(): void {
    for (const p of this.params) {
      if (!p.grad) continue;
      const step = (this.steps.get(p) ?? 0) + 1;
      this.steps.set(p, step);
      k.adamUpdate(p, p.grad, this.stateOf(p, 'm'), this.stateOf(p, 'v'), {
        lr: this.lr, beta1: this.beta1, beta2: this.beta2, eps: this.eps, weightDecay: this.weightDecay, step,
      });
    }
  }

  override dispose(): void {
    super.dispose();
    this.steps.clear();
  }
}
