import type { Backend, Storage } from '../backend.js';
import { BackendError, DisposedError, ShapeError } from '../errors.js';
import { checkShape, formatShape, resolveShape, shapeSize } from '../shape.js';
import { describe } from '../validate.js';
import { formatValues } from './format.js';
import { hostValues, nest } from './host.js';
import { registerTensor, unregisterTensor, type Holdings } from './lifetime.js';
import { track, untrack } from './scope.js';
import { SharedStorage } from './storage.js';

/**
 * What autograd records on a tensor an op produced (see autograd/graph.ts). The tensor holds one
 * reference to it and drops that reference when disposed or collected.
 */
export interface GradNode {
  readonly op: string;
  release(): void;
}

export interface TensorOptions {
  backend?: Backend;
  requiresGrad?: boolean;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const DENO_INSPECT = Symbol.for('Deno.customInspect');

/**
 * An n-dimensional array of f32 on one backend, row-major and contiguous. Its ops (add, matmul, get,
 * sum, ...) are methods installed by bindings/autograd; this class holds the storage and its lifetime.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly size: number;
  private readonly holdings: Holdings;
  private home: Backend;
  requiresGrad = false;
  /** Accumulated gradient after backward(); null until then. */
  grad: Tensor | null = null;
  /** Exempt from the enclosing tidy() scope. */
  kept = false;

  /** Wraps storage the caller hands over; the tensor owns it from now on. */
  constructor(backend: Backend, storage: Storage, shape: readonly number[], shared?: SharedStorage) {
    checkShape(shape, 'Tensor');
    const size = shapeSize(shape);
    if (storage.length < size)
      throw new ShapeError(`Tensor: storage of ${storage.length} elements is too small for shape ${formatShape(shape)}`);
    this.home = backend;
    this.shape = Object.freeze([...shape]);
    this.size = size;
    this.holdings = { shared: shared ? shared.retain() : new SharedStorage(backend, storage), gradNode: null };
    registerTensor(this, this.holdings);
    track(this);
  }

  get backend(): Backend {
    return this.home;
  }

  /** Set by autograd on tensors an op produced while gradients are recorded. */
  get gradNode(): GradNode | null {
    return this.holdings.gradNode as GradNode | null;
  }

  set gradNode(node: GradNode | null) {
    this.holdings.gradNode = node;
  }

  get disposed(): boolean {
    return this.holdings.shared === null;
  }

  private shared(): SharedStorage {
    const shared = this.holdings.shared;
    if (!shared) throw new DisposedError(`tensor of shape ${formatShape(this.shape)} was used after dispose()`);
    if (this.home.disposed) throw new DisposedError(`the ${this.home.name} backend of this tensor was disposed`);
    return shared;
  }

  /** @internal The shared storage (for a tensor that views the same data, such as nn.Parameter). */
  get sharedStorage(): SharedStorage {
    return this.shared();
  }

  /** The backend storage; throws DisposedError after dispose(). */
  get storage(): Storage {
    return this.shared().storage;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** Always 'float32': webgrad computes in f32; integer data (labels, indices) is held as f32. */
  get dtype(): 'float32' {
    return 'float32';
  }

  /** True unless an op recorded for autograd produced it (PyTorch's is_leaf). */
  get isLeaf(): boolean {
    return this.holdings.gradNode === null;
  }

  /** Counts in-place writes to the data (shared by every view of it). */
  get version(): number {
    return this.shared().version;
  }

  /** Records an in-place write, so that a graph that saved the old data refuses to use it. */
  markModified(): void {
    this.shared().version++;
  }

  /**
   * A tensor of another shape over the same data (no copy) that autograd does not track;
   * reshape() and view() are the differentiable forms.
   */
  alias(shape: readonly number[] = this.shape): Tensor {
    const shared = this.shared();
    return new Tensor(this.home, shared.storage, resolveShape(shape, this.size), shared);
  }

  /** The values, read back. With `target`, written into it (no allocation) and returned. */
  async data(target?: Float32Array): Promise<Float32Array> {
    const into = target && this.checkTarget('data', target);
    const out = await this.home.read(this.storage, into);
    return out.length === this.size ? out : out.subarray(0, this.size);
  }

  /** data(), synchronously, on backends that can (cpu, wasm). */
  dataSync(target?: Float32Array): Float32Array {
    const storage = this.storage;
    if (!this.home.readSync)
      throw new BackendError(`dataSync: the ${this.home.name} backend reads asynchronously; use await tensor.data()`);
    const out = this.home.readSync(storage, target && this.checkTarget('dataSync', target));
    return out.length === this.size ? out : out.subarray(0, this.size);
  }

  private checkTarget(fn: string, target: Float32Array): Float32Array {
    if (!(target instanceof Float32Array) || target.length < this.size)
      throw new ShapeError(`${fn}: target must be a Float32Array of at least ${this.size} elements, got ${describe(target)}`);
    return target;
  }

  /** The value of a one-element tensor (PyTorch's item()); synchronous on cpu and wasm. */
  item(): number {
    this.checkOne('item');
    if (!this.home.readSync) throw new BackendError(`item: the ${this.home.name} backend reads asynchronously; use await tensor.itemAsync()`);
    return this.dataSync()[0];
  }

  async itemAsync(): Promise<number> {
    this.checkOne('itemAsync');
    return (await this.data())[0];
  }

  private checkOne(fn: string): void {
    if (this.size !== 1) throw new ShapeError(`${fn}: only a one-element tensor has an item, got shape ${formatShape(this.shape)}`);
  }

  /** Nested arrays (a number for rank 0), like PyTorch's tolist(); synchronous on cpu and wasm. */
  tolist(): unknown {
    if (!this.home.readSync) throw new BackendError(`tolist: the ${this.home.name} backend reads asynchronously; use await tensor.array()`);
    return nest(this.dataSync(), this.shape);
  }

  /** tolist(), asynchronously, on any backend. */
  async array(): Promise<unknown> {
    return nest(await this.data(), this.shape);
  }

  /**
   * Overwrites this tensor's values in place (PyTorch's copy_): from host values or another tensor of
   * the same size. Views sharing the data see the new values; a graph that saved them refuses to run.
   */
  copyFrom(source: ArrayLike<number> | Tensor): this {
    const storage = this.storage;
    if (source instanceof Tensor) {
      if (source.size !== this.size)
        throw new ShapeError(`copyFrom: source ${formatShape(source.shape)} does not fit ${formatShape(this.shape)}`);
      if (source.backend === this.home) {
        this.home.copy(source.storage, storage, this.size);
        this.markModified();
        return this;
      }
      if (!source.backend.readSync)
        throw new BackendError(`copyFrom: cannot read the ${source.backend.name} tensor synchronously; await its data() first`);
      source = source.dataSync();
    }
    if (!source || typeof source !== 'object' || typeof source.length !== 'number')
      throw new ShapeError(`copyFrom: expected ${this.size} values for ${formatShape(this.shape)}, got ${describe(source)}`);
    if (source.length !== this.size)
      throw new ShapeError(`copyFrom: expected ${this.size} values for ${formatShape(this.shape)}, got ${source.length}`);
    this.home.write(storage, hostValues('copyFrom', source));
    this.markModified();
    return this;
  }

  /**
   * Moves the data to another backend in place (Module.to moves parameters this way, so an optimiser
   * holding them keeps working); the gradient moves too. The source must read synchronously.
   */
  relocate(backend: Backend, values?: Float32Array): this {
    if (backend === this.home) return this;
    values ??= this.dataSync();
    const storage = backend.alloc(this.size);
    try {
      backend.write(storage, values);
    } catch (error) {
      backend.free(storage);
      throw error;
    }
    this.holdings.shared!.release();
    this.holdings.shared = new SharedStorage(backend, storage);
    this.home = backend;
    if (this.grad && !this.grad.disposed) this.grad.relocate(backend);
    return this;
  }

  /** Frees the storage (once its last view is disposed) and the gradient; idempotent. */
  dispose(): void {
    const { holdings } = this;
    if (!holdings.shared) return;
    unregisterTensor(holdings);
    holdings.shared.release();
    holdings.shared = null;
    this.grad?.dispose();
    this.grad = null;
    holdings.gradNode?.release();
    holdings.gradNode = null;
    untrack(this);
  }

  /** Exempts this tensor from every tidy() scope: only dispose() (or the garbage collector) frees it. */
  keep(): this {
    this.kept = true;
    untrack(this);
    return this;
  }

  /** PyTorch's repr: the values (read synchronously where the backend can), requires_grad or grad_fn. */
  toString(): string {
    const suffix: string[] = [];
    if (this.home.name === 'webgpu') suffix.push(`device='webgpu'`);
    if (this.gradNode) suffix.push(`grad_fn=<${this.gradNode.op[0].toUpperCase()}${this.gradNode.op.slice(1)}Backward0>`);
    else if (this.requiresGrad) suffix.push('requires_grad=True');
    let body: string;
    if (this.disposed) body = `<disposed, shape ${formatShape(this.shape)}>`;
    else if (!this.home.readSync) body = `<shape ${formatShape(this.shape)}: await tensor.data() to read>`;
    else body = formatValues(this.dataSync(), this.shape, 'tensor('.length);
    return `tensor(${[body, ...suffix].join(', ')})`;
  }

  [INSPECT](): string {
    return this.toString();
  }

  [DENO_INSPECT](): string {
    return this.toString();
  }
}
