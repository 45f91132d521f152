/**
 * The contract every backend implements: storage plus one method per kernel.
 *
 * Everything here is unchecked: callers (bindings/kernels.ts) validate shapes and
 * arguments before a call reaches a backend. All data is f32, row-major, contiguous;
 * sizes are element counts. Kernels write their outputs into storages the caller
 * allocated; an output never aliases an input unless the method says so.
 */

/** An opaque handle to `length` f32 elements owned by one backend. */
export interface Storage {
  readonly length: number;
}

export type UnaryOp =
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'abs'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'square'
  | 'reciprocal'
  /** x ** alpha */
  | 'pow'
  /** x * alpha */
  | 'scale'
  /** x + alpha */
  | 'shift';

export const UNARY_OPS: readonly UnaryOp[] = [
  'neg', 'exp', 'log', 'sqrt', 'abs', 'sigmoid', 'tanh', 'relu', 'square', 'reciprocal', 'pow', 'scale', 'shift',
];

/** 'eq' yields 1 where a === b, else 0. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min' | 'eq';

export const BINARY_OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'max', 'min', 'eq'];

/**
 * Broadcast layout of a binary op over a rank-4 output (leading dims padded with 1).
 * An input's stride is 0 along a dimension it is broadcast over.
 */
export interface BroadcastLayout {
  readonly outShape: readonly [number, number, number, number];
  readonly aStrides: readonly [number, number, number, number];
  readonly bStrides: readonly [number, number, number, number];
}

export interface MatmulArgs {
  /** Rows of op(A) and of C. */
  readonly m: number;
  /** Columns of op(B) and of C. */
  readonly n: number;
  /** Columns of op(A), rows of op(B). */
  readonly k: number;
  /** A is stored [k, m] and used transposed. */
  readonly transA: boolean;
  /** B is stored [n, k] and used transposed. */
  readonly transB: boolean;
  /** Optional [n] bias added to every row of C. */
  readonly bias: Storage | null;
  /** Apply max(0, ·) after the bias. */
  readonly relu: boolean;
}

export interface DropoutArgs {
  /** Keep an element iff its Philox word >= threshold; threshold = floor(p * 2^32). */
  readonly threshold: number;
  /** Kept elements are multiplied by this (f32 of 1 / (1 - p)). */
  readonly scale: number;
  /** Philox key words (seed low and high 32 bits). */
  readonly seedLo: number;
  readonly seedHi: number;
  /** Philox counter word 1: distinguishes masks drawn with one seed. */
  readonly offset: number;
}

export interface SgdArgs {
  readonly lr: number;
  readonly weightDecay: number;
  readonly momentum: number;
}

export interface AdamArgs {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** 1 - beta1^t and 1 - beta2^t for the step t being taken. */
  readonly biasCorrection1: number;
  readonly biasCorrection2: number;
}

export interface MemoryStats {
  /** Storages allocated and not yet freed. */
  readonly liveStorages: number;
  /** Bytes held by live storages. */
  readonly liveBytes: number;
  /** Bytes the backend holds from its host (wasm heap, GPU buffer pool), live or cached. */
  readonly reservedBytes: number;
}

export interface Backend {
  readonly name: string;
  /** True once dispose() ran; every later call throws DisposedError. */
  readonly disposed: boolean;

  alloc(length: number): Storage;
  free(storage: Storage): void;
  write(storage: Storage, data: Float32Array): void;
  read(storage: Storage): Promise<Float32Array>;
  /** Synchronous read, on backends that can (cpu, wasm). */
  readSync?(storage: Storage): Float32Array;
  memoryStats(): MemoryStats;
  dispose(): void;

  fill(out: Storage, value: number, length: number): void;
  copy(src: Storage, out: Storage, length: number): void;
  unary(op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number): void;
  /** out = a op b with broadcasting; out may alias a. */
  binary(op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout): void;
  /** out[o, i] = sum over l of x[o, l, i], x viewed as [outer, length, inner]. */
  sum(x: Storage, out: Storage, outer: number, length: number, inner: number): void;

  /** C = op(A) · op(B) (+ bias) (then ReLU), accumulating in f32 or better. */
  matmul(a: Storage, b: Storage, c: Storage, args: MatmulArgs): void;
  /** Row softmax (or log-softmax) of x [rows, cols], max-subtracted. */
  softmax(x: Storage, out: Storage, rows: number, cols: number, log: boolean): void;
  /**
   * Fused log-sum-exp cross-entropy over integer labels (stored as f32, validated by the
   * caller): loss[r] = logsumexp(x[r]) - x[r, label[r]]; when grad is given,
   * grad[r] = (softmax(x[r]) - onehot(label[r])) * gradScale.
   */
  crossEntropy(
    logits: Storage, labels: Storage, loss: Storage, grad: Storage | null,
    rows: number, cols: number, gradScale: number,
  ): void;
  /** out[r] = index of the first maximum of x[r, :] (as f32). */
  argmax(x: Storage, out: Storage, rows: number, cols: number): void;
  /** dx = y > 0 ? dy : 0, where y is ReLU's input or output. */
  reluBackward(y: Storage, dy: Storage, dx: Storage, length: number): void;
  /** out = x * keep(i) * scale; the backward pass calls it on dy with the same args. */
  dropout(x: Storage, out: Storage, length: number, args: DropoutArgs): void;
  /** In place: param, and velocity when momentum > 0 (PyTorch's SGD, dampening 0). */
  sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, args: SgdArgs): void;
  /** In place: param, m, v (PyTorch's Adam, L2 weight decay added to the gradient). */
  adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, args: AdamArgs): void;
}
