/**
 * The kernel API on tensors: every function validates its arguments, allocates its output
 * and calls the tensors' backend. No gradients here; autograd/ builds on these.
 */
import type { BinaryOp, BroadcastLayout, UnaryOp } from './backend.js';
import { BINARY_OPS, UNARY_OPS } from './backend.js';
import { BackendError, ShapeError, ValueError } from './errors.js';
import { broadcastShapes, formatShape, sameShape, shapeSize } from './shape.js';
import { checkSeed } from './random.js';
import { Tensor, empty, full, tensor } from './tensor.js';

/** Returns `out` once `kernel` has written it; frees `out` if the backend throws. */
function written(out: Tensor, kernel: () => void): Tensor {
  try {
    kernel();
  } catch (error) {
    out.dispose();
    throw error;
  }
  return out;
}

function sameBackend(op: string, ...tensors: Tensor[]): void {
  const backend = tensors[0].backend;
  for (const t of tensors) {
    void t.storage; // throws DisposedError on a disposed tensor
    if (t.backend !== backend)
      throw new BackendError(`${op}: tensors live on different backends (${backend.name} and ${t.backend.name})`);
  }
}

function finiteNumber(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ValueError(`${op}: ${name} must be a finite number, got ${String(value)}`);
  return value;
}

export interface MatmulOptions {
  transA?: boolean;
  transB?: boolean;
  bias?: Tensor | null;
  relu?: boolean;
}

/** C = op(A) · op(B) (+ bias) (then ReLU) for 2-d A and B. */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const { transA = false, transB = false, bias = null, relu = false } = options;
  sameBackend('matmul', a, b, ...(bias ? [bias] : []));
  if (a.rank !== 2 || b.rank !== 2)
    throw new ShapeError(`matmul: expected 2-d operands, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const [m, k] = transA ? [a.shape[1], a.shape[0]] : a.shape;
  const [kb, n] = transB ? [b.shape[1], b.shape[0]] : b.shape;
  if (k !== kb)
    throw new ShapeError(
      `matmul: inner dimensions differ: op(A) is [${m}, ${k}], op(B) is [${kb}, ${n}] ` +
        `(A ${formatShape(a.shape)}${transA ? 'ᵀ' : ''}, B ${formatShape(b.shape)}${transB ? 'ᵀ' : ''})`,
    );
  if (bias && !(bias.rank === 1 && bias.shape[0] === n))
    throw new ShapeError(`matmul: bias must have shape [${n}], got ${formatShape(bias.shape)}`);
  const c = empty([m, n], a.backend);
  return written(c, () => {
    a.backend.matmul(a.storage, b.storage, c.storage, {
      m, n, k, transA, transB, bias: bias ? bias.storage : null, relu,
    });
  });
}

function rows2d(op: string, x: Tensor): [number, number] {
  if (x.rank !== 2) throw new ShapeError(`${op}: expected a 2-d [rows, classes] tensor, got ${formatShape(x.shape)}`);
  if (x.shape[1] === 0) throw new ShapeError(`${op}: rows must have at least one class, got ${formatShape(x.shape)}`);
  return [x.shape[0], x.shape[1]];
}

/** Softmax over the last axis of a 2-d tensor. */
export function softmax(x: Tensor): Tensor {
  sameBackend('softmax', x);
  const [rows, cols] = rows2d('softmax', x);
  const y = empty(x.shape, x.backend);
  return written(y, () => {
    x.backend.softmax(x.storage, y.storage, rows, cols, false);
  });
}

/** Log-softmax over the last axis of a 2-d tensor. */
export function logSoftmax(x: Tensor): Tensor {
  sameBackend('logSoftmax', x);
  const [rows, cols] = rows2d('logSoftmax', x);
  const y = empty(x.shape, x.backend);
  return written(y, () => {
    x.backend.softmax(x.storage, y.storage, rows, cols, true);
  });
}

export type Labels = ArrayLike<number> | Tensor;

/**
 * Checks integer class labels on the host and uploads them as a tensor on `like`'s backend.
 * A Tensor of labels is read back to be checked (it must live on a backend that reads synchronously).
 */
export function labelTensor(labels: Labels, rows: number, classes: number, like: Tensor): Tensor {
  let values: ArrayLike<number>;
  if (labels instanceof Tensor) {
    if (labels.rank !== 1) throw new ShapeError(`labels must be 1-d, got ${formatShape(labels.shape)}`);
    values = labels.dataSync();
  } else if (labels && typeof labels === 'object' && typeof labels.length === 'number') values = labels;
  else throw new ValueError(`labels must be an array of class indices, got ${String(labels)}`);
  if (values.length !== rows) throw new ShapeError(`expected ${rows} labels for ${rows} rows, got ${values.length}`);
  for (let i = 0; i < values.length; i++) {
    const label = values[i];
    if (!Number.isInteger(label))
      throw new ValueError(`label ${i} is ${label}: labels must be integer class indices`);
    if (label < 0 || label >= classes)
      throw new ValueError(`label ${i} is ${label}: out of range for ${classes} classes [0, ${classes - 1}]`);
  }
  return tensor(Float32Array.from(values), [rows], { backend: like.backend });
}

export interface CrossEntropyResult {
  /** Per-row loss, [rows]. */
  loss: Tensor;
  /** (softmax - onehot) * gradScale, [rows, classes], when asked for. */
  grad: Tensor | null;
}

/** Fused log-sum-exp softmax cross-entropy over integer labels: per-row loss and optional gradient. */
export function crossEntropy(
  logits: Tensor, labels: Labels, options: { grad?: boolean; gradScale?: number } = {},
): CrossEntropyResult {
  sameBackend('crossEntropy', logits);
  const [rows, cols] = rows2d('crossEntropy', logits);
  const gradScale = finiteNumber('crossEntropy', 'gradScale', options.gradScale ?? (rows > 0 ? 1 / rows : 1));
  const labelValues = labelTensor(labels, rows, cols, logits);
  let loss: Tensor | null = null, grad: Tensor | null = null;
  try {
    loss = empty([rows], logits.backend);
    grad = options.grad ? empty(logits.shape, logits.backend) : null;
    logits.backend.crossEntropy(
      logits.storage, labelValues.storage, loss.storage, grad ? grad.storage : null, rows, cols, gradScale,
    );
    return { loss, grad };
  } catch (error) {
    loss?.dispose();
    grad?.dispose();
    throw error;
  } finally {
    labelValues.dispose();
  }
}

/** Index of the maximum of each row of a 2-d tensor, as f32. */
export function argmax(x: Tensor): Tensor {
  sameBackend('argmax', x);
  const [rows, cols] = rows2d('argmax', x);
  const y = empty([rows], x.backend);
  return written(y, () => {
    x.backend.argmax(x.storage, y.storage, rows, cols);
  });
}

export function unary(op: UnaryOp, x: Tensor, alpha = 0): Tensor {
  if (!UNARY_OPS.includes(op)) throw new ValueError(`unknown unary op '${String(op)}'`);
  sameBackend(op, x);
  finiteNumber(op, 'alpha', alpha);
  const y = empty(x.shape, x.backend);
  return written(y, () => {
    x.backend.unary(op, x.storage, y.storage, x.size, alpha);
  });
}

export function relu(x: Tensor): Tensor {
  return unary('relu', x);
}

/** dx = y > 0 ? dy : 0, with y ReLU's input or output. */
export function reluBackward(y: Tensor, dy: Tensor): Tensor {
  sameBackend('reluBackward', y, dy);
  if (!sameShape(y.shape, dy.shape))
    throw new ShapeError(`reluBackward: y ${formatShape(y.shape)} and dy ${formatShape(dy.shape)} differ`);
  const dx = empty(y.shape, y.backend);
  return written(dx, () => {
    y.backend.reluBackward(y.storage, dy.storage, dx.storage, y.size);
  });
}

/**
 * Collapses a broadcast of a and b into out's shape to the rank-4 layout the kernels take:
 * runs of dimensions along which both inputs are contiguous or both broadcast merge into one.
 */
export function broadcastLayout(
  aShape: readonly number[], bShape: readonly number[],
): { shape: number[]; layout: BroadcastLayout } {
  const shape = broadcastShapes(aShape, bShape);
  const rank = shape.length;
  const dims: { n: number; a: boolean; b: boolean }[] = [];
  for (let i = 0; i < rank; i++) {
    const n = shape[i];
    if (n === 1) continue;
    const a = (aShape[aShape.length - rank + i] ?? 1) === n;
    const b = (bShape[bShape.length - rank + i] ?? 1) === n;
    const last = dims[dims.length - 1];
    if (last && last.a === a && last.b === b) last.n *= n;
    else dims.push({ n, a, b });
  }
  if (dims.length > 4)
    throw new ShapeError(
      `broadcasting ${formatShape(aShape)} with ${formatShape(bShape)} needs more than 4 collapsed dimensions`,
    );
  while (dims.length < 4) dims.unshift({ n: 1, a: false, b: false });
  const strides = (pick: 'a' | 'b') => {
    const out = [0, 0, 0, 0];
    let stride = 1;
    for (let i = 3; i >= 0; i--) {
      if (dims[i][pick]) {
        out[i] = stride;
        stride *= dims[i].n;
      }
    }
    return out as unknown as [number, number, number, number];
  };
  return {
    shape,
    layout: {
      outShape: dims.map((d) => d.n) as unknown as [number, number, number, number],
      aStrides: strides('a'),
      bStrides: strides('b'),
    },
  };
}

export function binary(op: BinaryOp, a: Tensor, b: Tensor): Tensor {
  if (!BINARY_OPS.includes(op)) throw new ValueError(`unknown binary op '${String(op)}'`);
  sameBackend(op, a, b);
  const { shape, layout } = broadcastLayout(a.shape, b.shape);
  const y = empty(shape, a.backend);
  return written(y, () => {
    if (y.size > 0) a.backend.binary(op, a.storage, b.storage, y.storage, layout);
  });
}

/** Axes as sorted non-negative indices (all when undefined); a rank-0 tensor accepts axis 0 or -1 and has none. */
export function normaliseAxes(op: string, axes: number | readonly number[] | undefined, rank: number): number[] {
  const list = axes === undefined ? [...Array(rank).keys()] : typeof axes === 'number' ? [axes] : [...axes];
  const out = list.map((axis) => {
    if (!Number.isInteger(axis) || axis < -Math.max(rank, 1) || axis >= Math.max(rank, 1))
      throw new ShapeError(`${op}: axis ${axis} is out of range for a rank-${rank} tensor`);
    return axis < 0 ? axis + Math.max(rank, 1) : axis;
  });
  if (new Set(out).size !== out.length) throw new ShapeError(`${op}: repeated axis in [${list.join(', ')}]`);
  return out.filter((axis) => axis < rank).sort((x, y) => x - y);
}

/** Sum over axes (all by default), keeping reduced axes as size 1 when keepDims. */
export function sum(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  sameBackend('sum', x);
  const reduce = normaliseAxes('sum', axes, x.rank);
  const keptShape = x.shape.map((d, i) => (reduce.includes(i) ? 1 : d));
  const outShape = keepDims ? keptShape : x.shape.filter((_, i) => !reduce.includes(i));
  // Reduce one axis at a time (innermost first), each as [outer, length, inner].
  let current: Tensor = x;
  let currentShape = [...x.shape];
  for (let r = reduce.length - 1; r >= 0; r--) {
    const axis = reduce[r];
    const outer = shapeSize(currentShape.slice(0, axis));
    const inner = shapeSize(currentShape.slice(axis + 1));
    const length = currentShape[axis];
    currentShape[axis] = 1;
    const next = empty(currentShape, x.backend);
    if (next.size > 0) {
      if (length === 0) x.backend.fill(next.storage, 0, next.size);
      else x.backend.sum(current.storage, next.storage, outer, length, inner);
    }
    if (current !== x) current.dispose();
    current = next;
  }
  if (current === x) {
    const copy = empty(outShape, x.backend);
    x.backend.copy(x.storage, copy.storage, x.size);
    return copy;
  }
  const result = current.alias(outShape);
  current.dispose();
  return result;
}

export function copy(x: Tensor): Tensor {
  sameBackend('copy', x);
  const y = empty(x.shape, x.backend);
  return written(y, () => {
    x.backend.copy(x.storage, y.storage, x.size);
  });
}

export interface DropoutOptions {
  p: number;
  seed: number;
  /** Distinguishes the masks of several dropout layers (or steps) under one seed. */
  offset?: number;
}

/** Validates dropout options and turns them into the kernel's arguments. */
export function dropoutArgs(op: string, { p, seed, offset = 0 }: DropoutOptions) {
  if (typeof p !== 'number' || !(p >= 0 && p < 1))
    throw new ValueError(`${op}: p must be in [0, 1), got ${String(p)}`);
  checkSeed(op, seed);
  if (!Number.isInteger(offset) || offset < 0 || offset > 0xffffffff)
    throw new ValueError(`${op}: offset must be an integer in [0, 2^32), got ${String(offset)}`);
  return {
    threshold: Math.min(Math.floor(p * 4294967296), 4294967295),
    scale: Math.fround(1 / (1 - p)),
    seedLo: seed >>> 0,
    seedHi: Math.floor(seed / 4294967296) >>> 0,
    offset,
  };
}

/** Inverted dropout: zeroes each element with probability p and scales the rest by 1 / (1 - p). */
export function dropout(x: Tensor, options: DropoutOptions): Tensor {
  sameBackend('dropout', x);
  const args = dropoutArgs('dropout', options);
  const y = empty(x.shape, x.backend);
  return written(y, () => {
    x.backend.dropout(x.storage, y.storage, x.size, args);
  });
}

/** The gradient of dropout: regenerates the same mask from (seed, offset) and applies it to dy. */
export function dropoutBackward(dy: Tensor, options: DropoutOptions): Tensor {
  return dropout(dy, options);
}

export interface SgdOptions {
  lr: number;
  weightDecay?: number;
  momentum?: number;
}

/** One SGD step in place on param (and velocity, needed when momentum > 0). */
export function sgdUpdate(param: Tensor, grad: Tensor, velocity: Tensor | null, options: SgdOptions): void {
  const tensors = [param, grad, ...(velocity ? [velocity] : [])];
  sameBackend('sgdUpdate', ...tensors);
  for (const t of tensors)
    if (!sameShape(t.shape, param.shape))
      throw new ShapeError(`sgdUpdate: shapes differ: ${tensors.map((u) => formatShape(u.shape)).join(', ')}`);
  const lr = finiteNumber('sgdUpdate', 'lr', options.lr);
  const weightDecay = finiteNumber('sgdUpdate', 'weightDecay', options.weightDecay ?? 0);
  const momentum = finiteNumber('sgdUpdate', 'momentum', options.momentum ?? 0);
  if (momentum !== 0 && !velocity) throw new ValueError('sgdUpdate: momentum needs a velocity tensor');
  param.backend.sgdUpdate(param.storage, grad.storage, velocity ? velocity.storage : null, param.size, {
    lr, weightDecay, momentum,
  });
}

export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  /** The 1-based step being taken. */
  step: number;
}

/** One Adam step in place on param, m and v. */
export function adamUpdate(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, options: AdamOptions): void {
  const tensors = [param, grad, m, v];
  sameBackend('adamUpdate', ...tensors);
  for (const t of tensors)
    if (!sameShape(t.shape, param.shape))
      throw new ShapeError(`adamUpdate: shapes differ: ${tensors.map((u) => formatShape(u.shape)).join(', ')}`);
  const lr = finiteNumber('adamUpdate', 'lr', options.lr);
  const beta1 = finiteNumber('adamUpdate', 'beta1', options.beta1 ?? 0.9);
  const beta2 = finiteNumber('adamUpdate', 'beta2', options.beta2 ?? 0.999);
  const eps = finiteNumber('adamUpdate', 'eps', options.eps ?? 1e-8);
  const weightDecay = finiteNumber('adamUpdate', 'weightDecay', options.weightDecay ?? 0);
  if (!Number.isInteger(options.step) || options.step < 1)
    throw new ValueError(`adamUpdate: step must be a positive integer, got ${String(options.step)}`);
  if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1))
    throw new ValueError(`adamUpdate: betas must be in [0, 1), got ${beta1}, ${beta2}`);
  param.backend.adamUpdate(param.storage, grad.storage, m.storage, v.storage, param.size, {
    lr, beta1, beta2, eps, weightDecay,
    biasCorrection1: 1 - beta1 ** options.step,
    biasCorrection2: 1 - beta2 ** options.step,
  });
}

/** into += x, in place, for tensors of one shape. */
export function accumulate(into: Tensor, x: Tensor): void {
  sameBackend('accumulate', into, x);
  if (!sameShape(into.shape, x.shape))
    throw new ShapeError(`accumulate: shapes differ: ${formatShape(into.shape)} and ${formatShape(x.shape)}`);
  if (into.size === 0) return;
  const { layout } = broadcastLayout(into.shape, x.shape);
  into.backend.binary('add', into.storage, x.storage, into.storage, layout);
}

/** x broadcast (PyTorch rules) to shape, materialised. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  sameBackend('broadcastTo', x);
  const { shape: outShape, layout } = broadcastLayout(shape, x.shape);
  if (!sameShape(outShape, shape))
    throw new ShapeError(`broadcastTo: ${formatShape(x.shape)} cannot be broadcast to ${formatShape(shape)}`);
  const y = empty(shape, x.backend);
  if (y.size === 0) return y;
  // One kernel writing a fresh output: y = x + 0, with x broadcast and the 0 a scalar.
  const zero = full([], 0, { backend: x.backend });
  x.backend.binary('add', x.storage, zero.storage, y.storage, {
    outShape: layout.outShape, aStrides: layout.bStrides, bStrides: [0, 0, 0, 0],
  });
  zero.dispose();
  return y;
}

/**
 * Sums x down to shape, the inverse of broadcasting shape up to x's shape: the gradient of a
 * broadcast input. Returns x itself when shape is x's shape (nothing to sum), a new tensor otherwise.
 */
export function sumTo(x: Tensor, shape: readonly number[]): Tensor {
  sameBackend('sumTo', x);
  const lead = x.rank - shape.length;
  const broadcast = lead >= 0 && sameShape(broadcastShapes(shape, x.shape), x.shape);
  if (!broadcast)
    throw new ShapeError(`sumTo: ${formatShape(x.shape)} is not a broadcast of ${formatShape(shape)}`);
  if (sameShape(shape, x.shape)) return x;
  const axes: number[] = [];
  for (let i = 0; i < x.rank; i++) if (i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1)) axes.push(i);
  const summed = sum(x, axes, true);
  const result = summed.alias(shape);
  summed.dispose();
  return result;
}
