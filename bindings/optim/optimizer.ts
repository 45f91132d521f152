import '../autograd/methods/index.js';
import { ValueError } from '../errors.js';
import { Tensor, full, tidy } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { zeroGradient } from '../nn/module.js';
import { describe, nonNegativeNumber, options as checkOptions } from '../validate.js';

/** A parameter group: its parameters and their options (PyTorch's param_groups entries). */
export interface ParamGroup<O> {
  readonly params: readonly Tensor[];
  options: O;
}

/** What an optimiser takes: parameters, or groups of them with options of their own. */
export type Params<O> = Iterable<Tensor> | Iterable<{ params: Tensor | Iterable<Tensor> } & Partial<O>>;

/** A hyperparameter: a finite number >= 0 (and < max when given). */
export function checkRate(op: string, name: string, value: unknown, { max }: { max?: number } = {}): number {
  return nonNegativeNumber(op, name, value, { below: max });
}

/**
 * Base of the optimisers (PyTorch's torch.optim.Optimizer): parameter groups with per-group options over
 * defaults, and per-parameter state tensors on the parameter's backend (moved with it), freed by dispose().
 */
export abstract class Optimizer<O extends object = object> {
  readonly paramGroups: ParamGroup<O>[];
  private readonly state = new Map<Tensor, Map<string, Tensor>>();
  private readonly steps = new Map<Tensor, number>();

  constructor(params: Params<O>, defaults: O, optionNames: readonly string[]) {
    const name = new.target.name;
    if (params === null || typeof params !== 'object' || typeof (params as Iterable<unknown>)[Symbol.iterator] !== 'function')
      throw new ValueError(`${name}: params must be an iterable of tensors or of parameter groups, got ${describe(params)}`);
    const items = [...(params as Iterable<unknown>)];
    const grouped = items.length > 0 && !(items[0] instanceof Tensor);
    const groups = grouped ? (items as ({ params: unknown } & Partial<O>)[]) : [{ params: items }];
    this.paramGroups = groups.map((group, g) => {
      if (!group || typeof group !== 'object') throw new ValueError(`${name}: parameter group ${g} must be an object, got ${describe(group)}`);
      const { params: list, ...overrides } = group;
      checkOptions(`${name} group ${g}`, overrides, optionNames);
      return { params: parameterList(name, list, g), options: this.resolve({ ...defaults, ...overrides } as O) };
    });
    const all = this.params;
    if (new Set(all).size !== all.length) throw new ValueError(`${name}: a parameter appears twice`);
  }

  /** Validates a group's options (defaults merged with its own). */
  protected abstract resolve(options: O): O;

  /** Updates p in place from its gradient, with its group's options. */
  protected abstract update(p: Tensor, grad: Tensor, options: O): void;

  /** Every parameter, in group order. */
  get params(): Tensor[] {
    return this.paramGroups.flatMap((g) => [...g.params]);
  }

  /** The first group's learning rate; setting it sets every group's. */
  get lr(): number {
    return (this.paramGroups[0]?.options as { lr?: number }).lr ?? NaN;
  }

  set lr(value: number) {
    checkRate(this.constructor.name, 'lr', value);
    for (const group of this.paramGroups) (group.options as { lr?: number }).lr = value;
  }

  /** Updates every parameter that has a gradient, in place (their data versions move on). */
  step(): void {
    noGrad(() => {
      for (const group of this.paramGroups)
        for (const p of group.params) {
          if (!p.grad || p.disposed) continue;
          tidy(() => this.update(p, p.grad!, group.options));
          p.markModified();
        }
    });
  }

  /** Frees every parameter's gradient, or zeroes it with { setToNone: false } (PyTorch's zero_grad). */
  zeroGrad(options?: { setToNone?: boolean }): void {
    const { setToNone = true } = checkOptions('zeroGrad', options, ['setToNone']);
    for (const p of this.params) zeroGradient(p, setToNone);
  }

  /** A state tensor of p's shape (filled with `initial` when first made), on p's backend even after p moved. */
  protected stateOf(p: Tensor, name: string, initial = 0): Tensor {
    let slots = this.state.get(p);
    if (!slots) this.state.set(p, (slots = new Map()));
    let t = slots.get(name);
    if (!t) slots.set(name, (t = full(p.shape, initial, { backend: p.backend }).keep()));
    else if (t.backend !== p.backend) t.relocate(p.backend);
    return t;
  }

  /** How many steps p has taken (for bias corrections), counting this one. */
  protected nextStep(p: Tensor): number {
    const n = (this.steps.get(p) ?? 0) + 1;
    this.steps.set(p, n);
    return n;
  }

  /** Frees the optimiser's state (not the parameters). */
  dispose(): void {
    for (const slots of this.state.values()) for (const t of slots.values()) t.dispose();
    this.state.clear();
    this.steps.clear();
  }
}

function parameterList(name: string, list: unknown, group: number): Tensor[] {
  const params = list instanceof Tensor ? [list] : list && typeof list === 'object' && Symbol.iterator in list ? [...(list as Iterable<unknown>)] : null;
  if (!params) throw new ValueError(`${name}: group ${group}'s params must be a tensor or an iterable of tensors, got ${describe(list)}`);
  params.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new ValueError(`${name}: parameter ${i} of group ${group} is not a tensor, got ${describe(p)}`);
    if (!p.requiresGrad) throw new ValueError(`${name}: parameter ${i} of group ${group} does not require grad`);
  });
  return params as Tensor[];
}
