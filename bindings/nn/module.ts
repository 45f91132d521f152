import '../autograd/methods/index.js';
import type { Backend } from '../backend.js';
import { BackendError, ShapeError, ValueError } from '../errors.js';
import { formatShape, sameShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { backendArgument, boolean, describe, options as checkOptions } from '../validate.js';
import { Parameter } from './parameter.js';

type Member = Module | Tensor;

/**
 * Base of every layer, like torch.nn.Module. Its parameters and child modules are the Parameters and
 * Modules assigned to its fields (arrays of them too, named `field.0`, `field.1`, ...), in assignment
 * order, plus any registered by name; a training flag that train()/eval() set on the whole tree.
 */
export abstract class Module {
  training = true;
  private readonly registered = new Map<string, Member>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  abstract forward(...inputs: any[]): Tensor;

  /** Registers a parameter (a leaf with requiresGrad) under a name; the module owns and disposes it. */
  protected registerParameter(name: string, parameter: Tensor): Tensor {
    this.checkFree(name);
    parameter.requiresGrad = true;
    parameter.keep();
    this.registered.set(name, parameter);
    return parameter;
  }

  protected registerModule<M extends Module>(name: string, module: M): M {
    if (!(module instanceof Module)) throw new ValueError(`${this.constructor.name}: '${name}' is not a Module`);
    this.checkFree(name);
    this.registered.set(name, module);
    return module;
  }

  private checkFree(name: string): void {
    if (this.registered.has(name)) throw new ValueError(`${this.constructor.name}: '${name}' is already registered`);
  }

  /** Registered members, then those found in fields. */
  private members(): [string, Member][] {
    const out = [...this.registered];
    const seen = new Set<Member>(this.registered.values());
    const add = (name: string, value: unknown) => {
      if ((value instanceof Module || value instanceof Parameter) && !seen.has(value)) {
        seen.add(value);
        out.push([name, value]);
      }
    };
    for (const [field, value] of Object.entries(this)) {
      if (Array.isArray(value)) value.forEach((item, i) => add(`${field}.${i}`, item));
      else add(field, value);
    }
    return out;
  }

  /** [name, module] for every direct child, in order. */
  namedChildren(): [string, Module][] {
    return this.members().filter((m): m is [string, Module] => m[1] instanceof Module);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** Every parameter of this module and its descendants, with PyTorch's dotted names ("0.weight"), each once. */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    const visit = (module: Module, path: string) => {
      for (const [name, member] of module.members()) {
        if (member instanceof Module) visit(member, `${path}${name}.`);
        else if (!seen.has(member)) {
          seen.add(member);
          out.push([path + name, member]);
        }
      }
    };
    visit(this, prefix);
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** The parameters by name (PyTorch's state_dict; the tensors themselves, not copies). */
  stateDict(): Record<string, Tensor> {
    return Object.fromEntries(this.namedParameters());
  }

  /**
   * Copies values into the parameters by name (PyTorch's load_state_dict): tensors or host arrays of the
   * same shape. strict (default) refuses missing and unexpected names; nothing is written unless all fit.
   */
  loadStateDict(state: Record<string, Tensor | ArrayLike<number>>, options?: { strict?: boolean }): this {
    const { strict = true } = checkOptions('loadStateDict', options, ['strict']);
    if (!state || typeof state !== 'object') throw new ValueError(`loadStateDict: expected an object of tensors, got ${describe(state)}`);
    const own = new Map(this.namedParameters());
    const missing = [...own.keys()].filter((name) => !(name in state));
    const unexpected = Object.keys(state).filter((name) => !own.has(name));
    if (boolean('loadStateDict', 'strict', strict) && (missing.length || unexpected.length))
      throw new ValueError(`loadStateDict: missing ${missing.join(', ') || 'none'}; unexpected ${unexpected.join(', ') || 'none'}`);
    const writes: [Tensor, Tensor | ArrayLike<number>][] = [];
    for (const [name, target] of own) {
      if (!(name in state)) continue;
      const source = state[name];
      const shape = source instanceof Tensor ? source.shape : [source?.length];
      if (source instanceof Tensor ? !sameShape(shape, target.shape) : source?.length !== target.size)
        throw new ShapeError(`loadStateDict: '${name}' has shape ${formatShape(shape)}, the module's is ${formatShape(target.shape)}`);
      writes.push([target, source]);
    }
    for (const [target, source] of writes) target.copyFrom(source);
    return this;
  }

  /** Sets training mode on this module and its descendants (dropout is active in training). */
  train(mode = true): this {
    this.training = boolean('train', 'mode', mode);
    for (const child of this.children()) child.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Calls fn on every descendant, then on this module (PyTorch's apply visits children first). */
  apply(fn: (module: Module) => void): this {
    if (typeof fn !== 'function') throw new ValueError(`apply: expected a function, got ${describe(fn)}`);
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Moves every parameter (and gradient) to backend in place, like PyTorch's module.to(device): an
   * optimiser built on them keeps working. The parameters must read synchronously (see toAsync).
   */
  to(backend: Backend): this {
    checkBackend(backend);
    for (const p of this.parameters())
      if (p.backend !== backend && !p.backend.readSync)
        throw new BackendError(`to: the ${p.backend.name} backend reads asynchronously; use await module.toAsync(backend)`);
    for (const p of this.parameters()) p.relocate(backend);
    return this;
  }

  /** to(), reading each parameter asynchronously: from any backend. */
  async toAsync(backend: Backend): Promise<this> {
    checkBackend(backend);
    for (const p of this.parameters()) {
      if (p.backend === backend) continue;
      const grad = p.grad && !p.grad.disposed ? await p.grad.data() : null;
      p.grad?.dispose();
      p.grad = null;
      p.relocate(backend, await p.data());
      if (grad) p.grad = new Tensor(backend, backend.alloc(grad.length), p.shape).copyFrom(grad).keep();
    }
    return this;
  }

  /** Frees every parameter's gradient, or fills it with zeros with { setToNone: false } (PyTorch's zero_grad). */
  zeroGrad(options?: { setToNone?: boolean }): void {
    const { setToNone = true } = checkOptions('zeroGrad', options, ['setToNone']);
    for (const p of this.parameters()) zeroGradient(p, setToNone);
  }

  /** Frees the parameters (and their gradients). */
  dispose(): void {
    for (const p of this.parameters()) p.dispose();
  }
}

function checkBackend(backend: Backend): void {
  backendArgument('to', 'backend', backend);
}

/** Drops p's gradient, or zeroes it in place. */
export function zeroGradient(p: Tensor, setToNone: boolean): void {
  if (setToNone || !p.grad || p.grad.disposed) {
    p.grad?.dispose();
    p.grad = null;
  } else {
    p.grad.backend.fill(p.grad.storage, 0, p.grad.size);
    p.grad.markModified();
  }
}
