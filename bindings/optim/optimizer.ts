import '../autograd/methods.js';
import { ValueError } from '../errors.js';
import { nonNegativeNumber } from '../validate.js';
import { Tensor, zeros } from '../tensor.js';

/**
 * Base of the optimisers: a list of parameters and per-parameter state tensors, which live on
 * the parameter's backend and are freed by dispose().
 */
export abstract class Optimizer {
  readonly params: readonly Tensor[];
  private readonly state = new Map<Tensor, Map<string, Tensor>>();

  constructor(params: Iterable<Tensor>) {
    this.params = [...params];
    this.params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new ValueError(`optimizer: parameter ${i} is not a tensor`);
      if (!p.requiresGrad) throw new ValueError(`optimizer: parameter ${i} does not require grad`);
    });
    if (new Set(this.params).size !== this.params.length) throw new ValueError('optimizer: a parameter appears twice');
  }

  /** Updates every parameter that has a gradient, in place. */
  abstract step(): void;

  /** Frees every parameter's gradient (PyTorch's zero_grad(set_to_none=True)). */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  /** A zero-initialised state tensor of p's shape, created on first use. */
  protected stateOf(p: Tensor, name: string): Tensor {
    let slots = this.state.get(p);
    if (!slots) this.state.set(p, (slots = new Map()));
    let t = slots.get(name);
    if (!t) slots.set(name, (t = zeros(p.shape, { backend: p.backend }).keep()));
    return t;
  }

  /** Frees the optimiser's state (not the parameters). */
  dispose(): void {
    for (const slots of this.state.values()) for (const t of slots.values()) t.dispose();
    this.state.clear();
  }
}

/** A hyperparameter: a finite number >= 0 (and < max when given). */
export function checkRate(op: string, name: string, value: unknown, { max }: { max?: number } = {}): number {
  return nonNegativeNumber(op, name, value, { below: max });
}
