/**
 * The contract every backend implements: storage, a few primitives, and fused kernels that a backend
 * may override for speed (each has a default composed of primitives in bindings/fused/).
 *
 * Everything here is unchecked: callers (bindings/kernels/) validate shapes and arguments before a
 * call reaches a backend. All data is f32, row-major, contiguous; sizes are element counts. Kernels
 * write outputs into storages the caller allocated; an elementwise output may alias an input, no
 * other output does.
 */
import type { BinaryOp, ReduceOp, UnaryOp } from './op-table/index.js';

export type { BinaryOp, GradOp, ReduceOp, UnaryOp, UnaryOpWithGrad } from './op-table/index.js';

/** An opaque handle to `length` f32 elements owned by one backend. */
export interface Storage {
  readonly length: number;
}

/** Index of the largest or smallest element along an axis. */
export type ArgReduceOp = 'argmax' | 'argmin';

/**
 * Elementwise operands broadcast against a contiguous output of `shape`: strides[i] are input i's
 * element strides (0 along the dimensions it is broadcast over). Dimensions are already collapsed
 * where possible (bindings/shape.ts), so most layouts have rank 1 or 2.
 */
export interface BroadcastLayout {
  readonly shape: readonly number[];
  readonly strides: readonly (readonly number[])[];
}

/** A strided view copied into a strided destination: out[outOffset + Σ i·outStrides] = x[inOffset + Σ i·inStrides]. */
export interface StridedLayout {
  readonly shape: readonly number[];
  readonly inOffset: number;
  readonly inStrides: readonly number[];
  readonly outOffset: number;
  readonly outStrides: readonly number[];
}

/** A tensor viewed as [outer, length, inner] around the axis an op works along. */
export interface AxisLayout {
  readonly outer: number;
  readonly length: number;
  readonly inner: number;
}

/**
 * Gather and scatter-add along the middle axis of [outer, length, inner], with `count` indices per
 * (outer, inner) position: index(o, j, i) = index[o·s0 + j·s1 + i·s2], indexStrides = [s0, s1, s2].
 */
export interface GatherArgs extends AxisLayout {
  readonly count: number;
  readonly indexStrides: readonly [number, number, number];
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
  /** Apply ReLU after the bias. */
  readonly relu: boolean;
  /** Products computed: C is [batch, m, n]; A and B advance by their strides (0 broadcasts one matrix). */
  readonly batch: number;
  readonly aBatchStride: number;
  readonly bBatchStride: number;
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
  /** Backends with an asynchronous queue (WebGPU): command batches submitted and not yet finished. */
  readonly queuedSubmissions?: number;
  /** Backends with an asynchronous queue: bytes uploaded for work not yet finished. */
  readonly queuedBytes?: number;
}

/** What every backend implements. */
export interface Primitives {
  readonly name: string;
  /** True once dispose() ran; every later call throws DisposedError. */
  readonly disposed: boolean;

  alloc(length: number): Storage;
  free(storage: Storage): void;
  write(storage: Storage, data: Float32Array): void;
  /** The storage's values; written into `into` (at least storage.length long) when given, else a new array. */
  read(storage: Storage, into?: Float32Array): Promise<Float32Array>;
  /** Synchronous read, on backends that can (cpu, wasm). */
  readSync?(storage: Storage, into?: Float32Array): Float32Array;
  memoryStats(): MemoryStats;
  /**
   * On backends with an asynchronous queue (WebGPU): resolves once the queued work is within the
   * backend's bound. A loop that never reads back awaits it once per step (fit() does).
   */
  throttle?(): Promise<void>;
  dispose(): void;

  fill(out: Storage, value: number, length: number): void;
  copy(src: Storage, out: Storage, length: number): void;
  /** out = op(x; alpha, beta) over `length` elements. */
  unary(op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number, beta: number): void;
  /** out = op(a, b; alpha, beta), a and b broadcast by layout.strides[0] and [1]. */
  binary(op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout, alpha: number, beta: number): void;
  /** out[o, i] = the reduction over l of x[o, l, i]; length >= 1 for max and min. */
  reduce(op: ReduceOp, x: Storage, out: Storage, layout: AxisLayout): void;
  /** out[o, i] = the first index l of the extreme x[o, l, i] (or of the first NaN), as f32; length >= 1. */
  argReduce(op: ArgReduceOp, x: Storage, out: Storage, layout: AxisLayout): void;
  /** C = op(A) · op(B) (+ bias) (then ReLU) for each of args.batch products. */
  matmul(a: Storage, b: Storage, c: Storage, args: MatmulArgs): void;
  stridedCopy(x: Storage, out: Storage, layout: StridedLayout): void;
  /** out[o, j, i] = x[o, index(o, j, i), i]; NaN where the index is not an integer in [0, length). */
  gather(x: Storage, index: Storage, out: Storage, args: GatherArgs): void;
  /** out[o, index(o, j, i), i] += src[o, j, i], in (o, j, i) order; indices outside [0, length) are skipped. */
  scatterAdd(src: Storage, index: Storage, out: Storage, args: GatherArgs): void;
}

/** Kernels with a default built from primitives (bindings/fused/); a backend overrides what it speeds up. */
export interface FusedKernels {
  /** Row softmax (or log-softmax) of x [rows, cols], max-subtracted; a row holding NaN or +Inf is NaN. */
  softmax(x: Storage, out: Storage, rows: number, cols: number, log: boolean): void;
  /**
   * Log-sum-exp cross-entropy over integer labels (f32 class indices, validated by the caller):
   * loss[r] = logsumexp(x[r]) - x[r, label[r]]; when grad is given,
   * grad[r] = (softmax(x[r]) - onehot(label[r])) * gradScale.
   */
  crossEntropy(
    logits: Storage, labels: Storage, loss: Storage, grad: Storage | null,
    rows: number, cols: number, gradScale: number,
  ): void;
  /** out = x * keep(i) * scale; the backward pass calls it on dy with the same args. */
  dropout(x: Storage, out: Storage, length: number, args: DropoutArgs): void;
  /** out = cond != 0 ? a : b, the three broadcast by layout.strides[0], [1], [2]. */
  where(cond: Storage, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout): void;
  /** In place: param, and velocity when momentum > 0 (PyTorch's SGD, dampening 0). */
  sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, args: SgdArgs): void;
  /** In place: param, m, v (PyTorch's Adam, L2 weight decay added to the gradient). */
  adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, args: AdamArgs): void;
}

export type FusedKernelName = keyof FusedKernels;

export interface Backend extends Primitives, Partial<FusedKernels> {}
