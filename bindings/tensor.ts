import type { Backend, Storage } from './backend.js';
import { CpuBackend } from './cpu/cpu-backend.js';
import { BackendError, DisposedError, ShapeError, ValueError } from './errors.js';
import { checkShape, shapeSize, formatShape, resolveShape } from './shape.js';
import { describe } from './validate.js';
export { resolveShape } from './shape.js';

/** A storage shared by tensors that view the same data (reshape), freed with its last view. */
class SharedStorage {
  private refs = 1;
  constructor(readonly backend: Backend, readonly storage: Storage) {}
  retain(): this {
    this.refs++;
    return this;
  }
  release(): void {
    if (--this.refs === 0 && !this.backend.disposed) this.backend.free(this.storage);
  }
}

/**
 * What autograd records on a tensor an op produced (see autograd/graph.ts). The tensor holds one
 * reference to it and drops that reference when disposed.
 */
export interface GradNode {
  readonly op: string;
  release(): void;
}

let defaultBackendInstance: Backend | null = null;

/** The backend tensors are created on when none is named: the cpu reference backend unless set. */
export function defaultBackend(): Backend {
  if (!defaultBackendInstance || defaultBackendInstance.disposed) defaultBackendInstance = new CpuBackend();
  return defaultBackendInstance;
}

export function setDefaultBackend(backend: Backend): void {
  defaultBackendInstance = backend;
}

type Scope = Set<Tensor>;
const scopes: Scope[] = [];

/** Stops tidy() scopes from disposing t: its owner (a graph node, a module) frees it. */
export function untrack(t: Tensor): void {
  for (const scope of scopes) scope.delete(t);
}

/**
 * Runs fn and disposes every tensor created inside it except those it returns
 * (a tensor, or an array or object of tensors) and those marked with keep().
 */
export function tidy<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new ValueError(`tidy: expected a function, got ${describe(fn)}`);
  const scope: Scope = new Set();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    scopes.pop();
    disposeScope(scope);
    throw error;
  }
  scopes.pop();
  if (isThenable(result)) {
    disposeScope(scope);
    // The caller gets the error below; the abandoned promise must not reject unhandled.
    result.then(undefined, () => {});
    throw new ValueError('tidy needs a synchronous function: fn returned a promise, and its tensors would be disposed at its first await');
  }
  const kept = new Set<Tensor>();
  collectTensors(result, kept);
  const parent = scopes[scopes.length - 1];
  for (const t of scope) {
    if (t.kept) continue; // kept tensors leave scope tracking for good
    if (kept.has(t)) parent?.add(t);
    else t.dispose();
  }
  return result;
}

function disposeScope(scope: Scope): void {
  for (const t of scope) if (!t.kept) t.dispose();
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null &&
    typeof (value as { then?: unknown }).then === 'function';
}

function collectTensors(value: unknown, into: Set<Tensor>): void {
  if (value instanceof Tensor) into.add(value);
  else if (Array.isArray(value)) for (const v of value) collectTensors(v, into);
  else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    for (const v of Object.values(value)) collectTensors(v, into);
}

let liveTensors = 0;

/** Number of tensors created and not yet disposed, across all backends. */
export function liveTensorCount(): number {
  return liveTensors;
}

export interface TensorOptions {
  backend?: Backend;
  requiresGrad?: boolean;
}

export class Tensor {
  readonly shape: readonly number[];
  readonly size: number;
  readonly backend: Backend;
  private shared: SharedStorage | null;
  requiresGrad = false;
  /** Accumulated gradient after backward(); null until then. */
  grad: Tensor | null = null;
  /** Set by autograd on tensors an op produced while gradients are recorded. */
  gradNode: GradNode | null = null;
  /** Exempt from the enclosing tidy() scope. */
  kept = false;

  /** Wraps storage the caller hands over; the tensor owns it from now on. */
  constructor(backend: Backend, storage: Storage, shape: readonly number[], shared?: SharedStorage) {
    checkShape(shape);
    const size = shapeSize(shape);
    if (storage.length < size)
      throw new ShapeError(`storage of ${storage.length} elements is too small for shape ${formatShape(shape)}`);
    this.backend = backend;
    this.shape = Object.freeze([...shape]);
    this.size = size;
    this.shared = shared ? shared.retain() : new SharedStorage(backend, storage);
    liveTensors++;
    scopes[scopes.length - 1]?.add(this);
  }

  get disposed(): boolean {
    return this.shared === null;
  }

  /** The backend storage; throws DisposedError after dispose(). */
  get storage(): Storage {
    if (!this.shared) throw new DisposedError(`tensor of shape ${formatShape(this.shape)} was used after dispose()`);
    if (this.backend.disposed) throw new DisposedError(`the ${this.backend.name} backend of this tensor was disposed`);
    return this.shared.storage;
  }

  get rank(): number {
    return this.shape.length;
  }

  /**
   * A tensor of another shape over the same data (no copy) that autograd does not track;
   * reshape() and view() are the differentiable forms.
   */
  alias(shape: readonly number[] = this.shape): Tensor {
    const resolved = resolveShape(shape, this.size);
    const storage = this.storage;
    return new Tensor(this.backend, storage, resolved, this.shared!);
  }

  async data(): Promise<Float32Array> {
    const out = await this.backend.read(this.storage);
    return out.length === this.size ? out : out.slice(0, this.size);
  }

  dataSync(): Float32Array {
    const storage = this.storage;
    if (!this.backend.readSync)
      throw new BackendError(`the ${this.backend.name} backend cannot read synchronously; use await tensor.data()`);
    const out = this.backend.readSync(storage);
    return out.length === this.size ? out : out.slice(0, this.size);
  }

  /** Nested arrays, like PyTorch's tolist(). */
  async array(): Promise<unknown> {
    return nest(await this.data(), this.shape);
  }

  /**
   * Overwrites this tensor's values in place (PyTorch's copy_): from host values or another
   * tensor of the same size. Views sharing the data, and graphs that saved it, see the new values.
   */
  copyFrom(source: ArrayLike<number> | Tensor): this {
    const storage = this.storage;
    if (source instanceof Tensor) {
      if (source.size !== this.size)
        throw new ShapeError(`copyFrom: source ${formatShape(source.shape)} does not fit ${formatShape(this.shape)}`);
      if (source.backend === this.backend) {
        this.backend.copy(source.storage, storage, this.size);
        return this;
      }
      if (!source.backend.readSync)
        throw new BackendError(`copyFrom: cannot read the ${source.backend.name} tensor synchronously; await its data() first`);
      source = source.dataSync();
    }
    if (!source || typeof source !== 'object' || source.length !== this.size)
      throw new ShapeError(`copyFrom: expected ${this.size} values for ${formatShape(this.shape)}, got ${String(source?.length)}`);
    this.backend.write(storage, hostValues('copyFrom', source));
    return this;
  }

  /** Frees the storage (once its last view is disposed); idempotent. */
  dispose(): void {
    if (!this.shared) return;
    this.shared.release();
    this.shared = null;
    this.grad?.dispose();
    this.grad = null;
    this.gradNode?.release();
    this.gradNode = null;
    for (const scope of scopes) scope.delete(this);
    liveTensors--;
  }

  /** Exempts this tensor from every tidy() scope: only dispose() frees it. */
  keep(): this {
    this.kept = true;
    untrack(this);
    return this;
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.backend.name}${this.disposed ? ', disposed' : ''})`;
  }
}

function nest(data: Float32Array, shape: readonly number[]): unknown {
  if (shape.length === 0) return data[0];
  const [first, ...rest] = shape;
  const stride = shapeSize(rest);
  return Array.from({ length: first }, (_, i) => nest(data.subarray(i * stride, (i + 1) * stride), rest));
}

/**
 * Host values as f32. Typed arrays pass unchecked; any other array-like must hold only numbers
 * (NaN and ±Infinity included), since Float32Array.from would turn anything else into NaN silently.
 */
function hostValues(where: string, values: ArrayLike<number>): Float32Array {
  if (values instanceof Float32Array) return values;
  if (ArrayBuffer.isView(values) && !(values instanceof BigInt64Array || values instanceof BigUint64Array))
    return Float32Array.from(values);
  for (let i = 0; i < values.length; i++)
    if (typeof values[i] !== 'number')
      throw new ValueError(`${where}: value ${i} is ${describe(values[i])}, not a number`);
  return Float32Array.from(values);
}

/** Creates a tensor from host data. */
export function tensor(
  data: ArrayLike<number> | number, shape?: readonly number[], options: TensorOptions = {},
): Tensor {
  if (typeof data !== 'number' && (!data || typeof data !== 'object' || typeof data.length !== 'number'))
    throw new ValueError(`tensor: data must be a number or an array of numbers, got ${describe(data)}`);
  const values = typeof data === 'number' ? [data] : data;
  const resolved = shape ?? (typeof data === 'number' ? [] : [values.length]);
  checkShape(resolved);
  if (shapeSize(resolved) !== values.length)
    throw new ShapeError(`${values.length} values do not fill shape ${formatShape(resolved)}`);
  const backend = options.backend ?? defaultBackend();
  const host = hostValues('tensor', values);
  const storage = backend.alloc(values.length);
  const t = new Tensor(backend, storage, resolved);
  backend.write(storage, host);
  t.requiresGrad = options.requiresGrad ?? false;
  return t;
}

/** A tensor of the given shape filled with one value. */
export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  checkShape(shape);
  if (typeof value !== 'number') throw new ValueError(`fill value must be a number, got ${typeof value}`);
  const backend = options.backend ?? defaultBackend();
  const t = new Tensor(backend, backend.alloc(shapeSize(shape)), shape);
  backend.fill(t.storage, value, t.size);
  t.requiresGrad = options.requiresGrad ?? false;
  return t;
}

export function zeros(shape: readonly number[], options: TensorOptions = {}): Tensor {
  return full(shape, 0, options);
}

export function ones(shape: readonly number[], options: TensorOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** An uninitialised tensor for a kernel to write into. */
export function empty(shape: readonly number[], backend: Backend): Tensor {
  checkShape(shape);
  return new Tensor(backend, backend.alloc(shapeSize(shape)), shape);
}
