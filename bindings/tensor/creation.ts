/** Making tensors: from host data, constants, ranges, identity, random draws, and like another tensor. */
import type { Backend } from '../backend.js';
import { CpuBackend } from '../cpu/cpu-backend.js';
import { ResourceLimitError, ShapeError, ValueError } from '../errors.js';
import { defaultRandomSource } from '../init/random.js';
import { checkShape, formatShape, shapeSize } from '../shape.js';
import { anyNumber, backendArgument, boolean, describe, finiteNumber, integer, options as checkOptions } from '../validate.js';
import { flattenNested, hostValues, nestedShape } from './host.js';
import { Tensor, type TensorOptions } from './tensor.js';

let defaultBackendInstance: Backend | null = null;

/** The backend tensors are created on when none is named: the cpu reference backend unless set. */
export function defaultBackend(): Backend {
  if (!defaultBackendInstance || defaultBackendInstance.disposed) defaultBackendInstance = new CpuBackend();
  return defaultBackendInstance;
}

export function setDefaultBackend(backend: Backend): void {
  defaultBackendInstance = backend;
}

const OPTIONS = ['backend', 'requiresGrad'];

/**
 * A tensor whose values `produce` computes on the host. The storage is allocated first, so that a size
 * over the backend's limits fails (ResourceLimitError) before any host memory is spent.
 */
function made(fn: string, shape: readonly number[], options: TensorOptions | undefined, produce: (size: number) => Float32Array): Tensor {
  const { backend = defaultBackend(), requiresGrad = false } = checkOptions(fn, options, OPTIONS);
  backendArgument(fn, 'options.backend', backend);
  boolean(fn, 'requiresGrad', requiresGrad);
  const size = shapeSize(shape);
  const storage = backend.alloc(size);
  let t: Tensor;
  try {
    t = new Tensor(backend, storage, shape);
  } catch (error) {
    backend.free(storage);
    throw error;
  }
  try {
    if (size > 0) backend.write(storage, produce(size));
  } catch (error) {
    t.dispose();
    if (error instanceof RangeError) throw new ResourceLimitError(`${fn}: cannot hold ${size} values on the host (${error.message})`);
    throw error;
  }
  t.requiresGrad = requiresGrad;
  return t;
}

/**
 * A tensor from host data: a number (rank 0), nested arrays (the shape inferred, as torch.tensor),
 * or flat values with a shape. Options `{ backend, requiresGrad }` take the shape's place or follow it.
 */
export function tensor(data: unknown, shape?: readonly number[] | TensorOptions, options?: TensorOptions): Tensor {
  if (shape !== undefined && !Array.isArray(shape)) return tensor(data, undefined, shape as TensorOptions);
  if (typeof data === 'number' || typeof data === 'boolean') {
    const resolved = (shape as readonly number[] | undefined) ?? [];
    checkShape(resolved, 'tensor');
    if (shapeSize(resolved) !== 1) throw new ShapeError(`tensor: one value does not fill shape ${formatShape(resolved)}`);
    return made('tensor', resolved, options, () => hostValues('tensor', [data]));
  }
  if (!data || typeof data !== 'object' || typeof (data as ArrayLike<unknown>).length !== 'number')
    throw new ValueError(`tensor: data must be a number, nested arrays of numbers or a typed array, got ${describe(data)}`);
  if (shape === undefined) {
    const inferred = nestedShape('tensor', data);
    const values = flattenNested('tensor', data, inferred);
    return made('tensor', inferred, options, () => values);
  }
  checkShape(shape, 'tensor');
  const values = data as ArrayLike<unknown>;
  if (shapeSize(shape) !== values.length)
    throw new ShapeError(`tensor: ${values.length} values do not fill shape ${formatShape(shape)}`);
  const checked = hostValues('tensor', values);
  return made('tensor', shape, options, () => checked);
}

/** A tensor of the given shape filled with one value. */
export function full(shape: readonly number[], value: number, options?: TensorOptions): Tensor {
  checkShape(shape, 'full');
  anyNumber('full', 'value', value);
  const { backend = defaultBackend(), requiresGrad = false } = checkOptions('full', options, OPTIONS);
  backendArgument('full', 'options.backend', backend);
  const t = empty(shape, backend);
  if (t.size > 0) backend.fill(t.storage, value, t.size);
  t.requiresGrad = boolean('full', 'requiresGrad', requiresGrad);
  return t;
}

export function zeros(shape: readonly number[], options?: TensorOptions): Tensor {
  return full(shape, 0, options);
}

export function ones(shape: readonly number[], options?: TensorOptions): Tensor {
  return full(shape, 1, options);
}

/** An uninitialised tensor for a kernel to write into. */
export function empty(shape: readonly number[], backend: Backend = defaultBackend()): Tensor {
  checkShape(shape, 'empty');
  backendArgument('empty', 'backend', backend);
  const storage = backend.alloc(shapeSize(shape));
  try {
    return new Tensor(backend, storage, shape);
  } catch (error) {
    backend.free(storage);
    throw error;
  }
}

/** Options for a tensor made like `like`: its backend unless given. */
function likeOptions(fn: string, like: Tensor, options: TensorOptions | undefined): TensorOptions {
  if (!(like instanceof Tensor)) throw new ValueError(`${fn}: input must be a Tensor, got ${describe(like)}`);
  return { backend: like.backend, ...checkOptions(fn, options, OPTIONS) };
}

export function zerosLike(like: Tensor, options?: TensorOptions): Tensor {
  return full(like?.shape, 0, likeOptions('zerosLike', like, options));
}

export function onesLike(like: Tensor, options?: TensorOptions): Tensor {
  return full(like?.shape, 1, likeOptions('onesLike', like, options));
}

export function fullLike(like: Tensor, value: number, options?: TensorOptions): Tensor {
  return full(like?.shape, value, likeOptions('fullLike', like, options));
}

/**
 * Values from start (inclusive) to end (exclusive) by step, as torch.arange: arange(end) counts from 0.
 * The count is ceil((end − start) / step), computed before rounding to f32.
 */
export function arange(start: number, end?: number | TensorOptions, step?: number | TensorOptions, options?: TensorOptions): Tensor {
  if (typeof end !== 'number') return arange(0, start, 1, end);
  if (typeof step !== 'number') return arange(start, end, 1, step);
  for (const [name, v] of [['start', start], ['end', end], ['step', step]] as const) finiteNumber('arange', name, v);
  if (step === 0) throw new ValueError('arange: step must not be 0');
  const count = Math.max(0, Math.ceil((end - start) / step));
  if (!Number.isSafeInteger(count)) throw new ValueError(`arange: ${count} values are too many`);
  return made('arange', [count], options, (n) => Float32Array.from({ length: n }, (_, i) => start + i * step));
}

/** steps values evenly spaced from start to end, both included (torch.linspace). */
export function linspace(start: number, end: number, steps: number, options?: TensorOptions): Tensor {
  finiteNumber('linspace', 'start', start);
  finiteNumber('linspace', 'end', end);
  integer('linspace', 'steps', steps, { min: 0 });
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  // The second half counts back from end, as PyTorch does, so that the last value is end exactly.
  return made('linspace', [steps], options, (n) =>
    Float32Array.from({ length: n }, (_, i) => (i < n / 2 ? start + i * delta : end - (n - 1 - i) * delta)));
}

/** The n×m identity matrix (m defaults to n). */
export function eye(n: number, m?: number | TensorOptions, options?: TensorOptions): Tensor {
  integer('eye', 'n', n, { min: 0 });
  if (m === undefined || (typeof m === 'object' && m !== null)) return eye(n, n, m);
  integer('eye', 'm', m, { min: 0 });
  checkShape([n, m], 'eye');
  return made('eye', [n, m], options, (size) => {
    const values = new Float32Array(size);
    for (let i = 0; i < Math.min(n, m); i++) values[i * m + i] = 1;
    return values;
  });
}

/** Values drawn on the host from the default random source (manualSeed reseeds it), then uploaded. */
function drawn(fn: string, shape: readonly number[], draw: () => number, options: TensorOptions | undefined): Tensor {
  checkShape(shape, fn);
  return made(fn, shape, options, (size) => {
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = draw();
    return values;
  });
}

/** U[0, 1) samples (torch.rand). */
export function rand(shape: readonly number[], options?: TensorOptions): Tensor {
  const random = defaultRandomSource();
  return drawn('rand', shape, () => random.uniform(), options);
}

/** Standard normal samples (torch.randn). */
export function randn(shape: readonly number[], options?: TensorOptions): Tensor {
  const random = defaultRandomSource();
  return drawn('randn', shape, () => random.normal(), options);
}

/** N(mean, std²) samples (torch.normal(mean, std, size)). */
export function normal(mean: number, std: number, shape: readonly number[], options?: TensorOptions): Tensor {
  finiteNumber('normal', 'mean', mean);
  if (finiteNumber('normal', 'std', std) < 0) throw new ValueError(`normal: std must be >= 0, got ${std}`);
  const random = defaultRandomSource();
  return drawn('normal', shape, () => mean + std * random.normal(), options);
}

/** Integers uniform in [low, high) (torch.randint). */
export function randint(low: number, high: number, shape: readonly number[], options?: TensorOptions): Tensor {
  integer('randint', 'low', low);
  integer('randint', 'high', high);
  if (!(high > low)) throw new ValueError(`randint: high (${high}) must exceed low (${low})`);
  const random = defaultRandomSource();
  return drawn('randint', shape, () => low + random.below(high - low), options);
}

export function randnLike(like: Tensor, options?: TensorOptions): Tensor {
  return randn(like?.shape, likeOptions('randnLike', like, options));
}

export function randLike(like: Tensor, options?: TensorOptions): Tensor {
  return rand(like?.shape, likeOptions('randLike', like, options));
}
