import '../autograd/methods.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';

/**
 * Base of every layer, like torch.nn.Module: owns parameters and child modules (registered in
 * order), and a training flag that train()/eval() set on the whole tree.
 */
export abstract class Module {
  training = true;
  private readonly ownParameters = new Map<string, Tensor>();
  private readonly children = new Map<string, Module>();

  abstract forward(x: Tensor): Tensor;

  /** Registers a parameter (a leaf with requiresGrad) under a name; the module owns and disposes it. */
  protected registerParameter(name: string, parameter: Tensor): Tensor {
    if (this.ownParameters.has(name) || this.children.has(name))
      throw new ValueError(`${this.constructor.name}: '${name}' is already registered`);
    parameter.requiresGrad = true;
    parameter.keep();
    this.ownParameters.set(name, parameter);
    return parameter;
  }

  protected registerModule<M extends Module>(name: string, module: M): M {
    if (!(module instanceof Module)) throw new ValueError(`${this.constructor.name}: '${name}' is not a Module`);
    if (this.ownParameters.has(name) || this.children.has(name))
      throw new ValueError(`${this.constructor.name}: '${name}' is already registered`);
    this.children.set(name, module);
    return module;
  }

  /** [name, module] for every direct child, in order. */
  namedChildren(): [string, Module][] {
    return [...this.children];
  }

  /** Every parameter of this module and its descendants, with PyTorch's dotted names ("0.weight"). */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, p] of this.ownParameters) out.push([prefix + name, p]);
    for (const [name, child] of this.children) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Sets training mode on this module and its descendants (dropout is active in training). */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.children.values()) child.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Calls fn on this module and then every descendant, depth first (PyTorch's apply visits children first). */
  apply(fn: (module: Module) => void): this {
    for (const child of this.children.values()) child.apply(fn);
    fn(this);
    return this;
  }

  /** Frees every parameter's .grad. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** Frees the parameters (and their gradients). */
  dispose(): void {
    for (const p of this.parameters()) p.dispose();
  }
}
