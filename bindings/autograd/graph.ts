/**
 * The autograd graph. An op is defined once, by defineOp(), with its forward and backward side
 * by side; applying it runs the forward on the kernel API and, when an input requires grad,
 * records a Node on the output. Nodes are reference counted: the output tensor holds one
 * reference and every node that consumes it holds one, so disposing the tensors of a graph
 * (by hand or by tidy()) frees its saved tensors exactly when nothing can reach them any more.
 * backward() frees them too, unless asked to retain the graph.
 */
import { DisposedError, ValueError } from '../errors.js';
import { tensorArgument } from '../kernels/launch.js';
import { Tensor, tidy, untrack, type GradNode } from '../tensor.js';
import { isGradEnabled } from './grad-mode.js';

/** Where an input's gradient goes: the node that produced it, a leaf that collects it, or nowhere. */
export type Edge = { readonly node: Node } | { readonly leaf: Tensor } | null;

/** What forward hands to backward. */
export class OpContext {
  private savedTensors: Tensor[] = [];
  /** The data version of each saved tensor when it was saved: an in-place write since breaks backward. */
  private savedVersions: number[] = [];

  constructor(
    /** Per input: whether its gradient is wanted. */
    readonly needsGrad: readonly boolean[],
    readonly inputShapes: readonly (readonly number[])[],
  ) {}

  /** True when a graph is being recorded, i.e. backward may run. */
  get recording(): boolean {
    return this.needsGrad.some(Boolean);
  }

  /**
   * Keeps tensors for backward. The context holds its own views of them, so disposing the
   * originals (even inside tidy()) leaves the saved data intact until the graph is freed.
   */
  save(...tensors: Tensor[]): void {
    if (!this.recording) return;
    for (const t of tensors) {
      const view = t.alias();
      untrack(view);
      this.savedTensors.push(view);
      this.savedVersions.push(view.version);
    }
  }

  get saved(): readonly Tensor[] {
    return this.savedTensors;
  }

  /** The saved tensor written in place since it was saved, if any (its index and versions). */
  modifiedSaved(): { index: number; saved: number; now: number } | null {
    for (let i = 0; i < this.savedTensors.length; i++) {
      const now = this.savedTensors[i].version;
      if (now !== this.savedVersions[i]) return { index: i, saved: this.savedVersions[i], now };
    }
    return null;
  }

  /** @internal */
  freeSaved(): void {
    for (const t of this.savedTensors) t.dispose();
    this.savedTensors = [];
    this.savedVersions = [];
  }
}

export interface OpDefinition<P> {
  readonly name: string;
  /**
   * Computes the output from the inputs with the kernel API; may ctx.save() what backward needs. Runs
   * inside a tidy() scope: temporaries need no dispose, and nothing leaks when it throws.
   */
  forward(inputs: readonly Tensor[], params: P, ctx: OpContext): Tensor;
  /**
   * Given the gradient of the output, returns one gradient per input, shaped like that input,
   * or null where ctx.needsGrad is false. Runs under noGrad() inside a tidy() scope, so
   * temporaries need no dispose. Return new tensors, or dy itself (backward() copies it for every
   * input after the first it is returned for), or a view of dy for at most one input.
   */
  backward(dy: Tensor, params: P, ctx: OpContext): readonly (Tensor | null)[];
}

export class Node implements GradNode {
  private refs = 1;
  private freed = false;

  constructor(
    private readonly definition: OpDefinition<any>,
    private readonly params: unknown,
    private readonly ctx: OpContext,
    readonly edges: readonly Edge[],
  ) {}

  get op(): string {
    return this.definition.name;
  }

  get inputShapes(): readonly (readonly number[])[] {
    return this.ctx.inputShapes;
  }

  /** True once backward() (without retainGraph) or the last release freed the saved tensors. */
  get isFreed(): boolean {
    return this.freed;
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    const pending: Node[] = [this];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (--node.refs > 0) continue;
      node.freeSaved();
      for (const edge of node.edges) if (edge && 'node' in edge) pending.push(edge.node);
    }
  }

  freeSaved(): void {
    this.freed = true;
    this.ctx.freeSaved();
  }

  runBackward(dy: Tensor): readonly (Tensor | null)[] {
    if (this.freed)
      throw new DisposedError(
        `backward through '${this.op}' whose graph was already freed (by an earlier backward() or by ` +
          `disposing its tensors); pass { retainGraph: true } to backward() to run it twice`,
      );
    const modified = this.ctx.modifiedSaved();
    if (modified)
      throw new ValueError(
        `backward through '${this.op}': a tensor it saved for the gradient (saved tensor ${modified.index}) was modified ` +
          `in place since (version ${modified.saved}, now ${modified.now}); compute the gradient before writing into it, ` +
          `or write into a copy`,
      );
    return this.definition.backward(dy, this.params, this.ctx);
  }
}

/**
 * Turns an op definition into a function over tensors that records the graph when any input
 * requires grad and grad mode is on.
 */
export function defineOp<P = undefined>(definition: OpDefinition<P>): (inputs: readonly Tensor[], params: P) => Tensor {
  return (inputs, params) => {
    inputs.forEach((t, i) => tensorArgument(definition.name, `input ${i}`, t));
    const gradOn = isGradEnabled();
    const ctx = new OpContext(
      inputs.map((t) => gradOn && t.requiresGrad),
      inputs.map((t) => t.shape),
    );
    // Whatever forward makes and does not return is freed, also when it throws (with what it saved).
    let y: Tensor;
    try {
      y = tidy(() => definition.forward(inputs, params, ctx));
    } catch (error) {
      ctx.freeSaved();
      throw error;
    }
    if (!ctx.recording) return y;
    if (inputs.includes(y))
      throw new ValueError(`${definition.name}: a recorded op must return a new tensor, not one of its inputs`);
    const edges: Edge[] = inputs.map((t, i) => {
      if (!ctx.needsGrad[i]) return null;
      const node = t.gradNode as Node | null;
      if (node) {
        node.retain();
        return { node };
      }
      return { leaf: t };
    });
    y.gradNode = new Node(definition, params, ctx, edges);
    y.requiresGrad = true;
    return y;
  };
}
