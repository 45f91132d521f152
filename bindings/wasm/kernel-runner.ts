/**
 * Runs the kernels on raw pointers, cut into chunks that the thread pool's threads claim where the
 * work is large enough: elementwise kernels by ranges of elements, row kernels by rows, reductions and
 * gathers by their outer (or inner) axis — never the reduced one — and strided walks by outer index,
 * each chunk with its own walk block. Element boundaries are multiples of 16, so every element takes
 * the same vector or scalar path (and the same Philox counter) as on one thread: results do not depend
 * on the split. A few chunks per thread even out threads that start late.
 */
import type { AxisLayout, BroadcastLayout, DropoutArgs, GatherArgs, StridedLayout } from '../backend.js';
import { MAX_CHUNKS } from './control-block.js';
import { binaryKind, COLUMN_A, COLUMN_B, ROW_A, ROW_B, SAME, STRIDED, walkWords } from './layouts.js';
import { chunksFor, splitRange } from './partition.js';
import type { ThreadPool } from './thread-pool.js';
import type { KernelExports, KernelName } from './wasm-module.js';

/**
 * Elements (or rows × columns) below which a thread gets no share of a kernel, by default. Below
 * about 64K elements a thread's share takes less time than a sleeping worker takes to wake (an
 * addition of 128K elements ran no faster on two threads than on one here).
 */
export const MIN_WORK_PER_THREAD = 65536;
/** Chunk boundaries of elementwise kernels: a multiple of 4 lanes and of dropout's 16-element blocks. */
const ALIGN = 16;

type ArgsFor = (start: number, end: number, chunk: number) => number[];
/** Chunks per thread a job is cut into (when the work allows). */
const CHUNKS_PER_THREAD = 4;

/** The kernels of one module instance, on its thread pool (or on this thread alone). */
export class KernelRunner {
  readonly threads: number;

  constructor(
    readonly kernels: KernelExports,
    private readonly pool: ThreadPool | null,
    /** A block of at least `bytes` kept for `key` between calls, 16-byte aligned (may grow memory). */
    private readonly reserve: (key: string, bytes: number) => number,
    private readonly buffer: () => ArrayBufferLike,
    /** Elements below which a thread gets no share (matmul: multiply-adds / 32). */
    readonly minWorkPerThread = MIN_WORK_PER_THREAD,
  ) {
    this.threads = pool ? pool.threads : 1;
  }

  /** Chunks worth cutting `work` elements into: 1 (this thread alone) below two threads' minimum. */
  chunks(work: number): number {
    return this.pool ? Math.min(MAX_CHUNKS, chunksFor(work, this.minWorkPerThread, this.threads, CHUNKS_PER_THREAD)) : 1;
  }

  /**
   * Runs `kernel` on each argument list: on this thread alone for one, else as a job of the pool.
   * Argument `threadArg` (if >= 0) is replaced by the running thread's index (0 here).
   */
  run(kernel: KernelName, chunks: number[][], threadArg = -1): void {
    if (chunks.length > 1 && this.pool) {
      this.pool.run(kernel, chunks, threadArg);
      return;
    }
    const fn = this.kernels[kernel] as (...args: number[]) => void;
    for (const args of chunks) {
      if (threadArg >= 0) args[threadArg] = 0;
      fn(...args);
    }
  }

  /** kernel over [0, total) in `chunks` ranges aligned to `align`. */
  split(kernel: KernelName, total: number, chunks: number, align: number, argsFor: ArgsFor, threadArg = -1): void {
    this.run(kernel, splitRange(total, chunks, align).map(([start, end], c) => argsFor(start, end, c)), threadArg);
  }

  /** An elementwise kernel over `length` elements. */
  private elementwise(kernel: KernelName, length: number, argsFor: ArgsFor): void {
    this.split(kernel, length, this.chunks(length), ALIGN, argsFor);
  }

  fill(out: number, value: number, length: number): void {
    this.elementwise('fill', length, (s, e) => [out + 4 * s, value, e - s]);
  }

  copy(src: number, out: number, length: number): void {
    this.elementwise('copy', length, (s, e) => [src + 4 * s, out + 4 * s, e - s]);
  }

  unary(op: number, x: number, out: number, length: number, alpha: number, beta: number): void {
    this.elementwise('unary', length, (s, e) => [op, x + 4 * s, out + 4 * s, e - s, alpha, beta]);
  }

  binary(op: number, a: number, b: number, out: number, layout: BroadcastLayout, alpha: number, beta: number): void {
    const { kind, rows, cols } = binaryKind(layout);
    const call = (pa: number, pb: number, po: number, r: number, c: number, walk = 0) =>
      [op, kind, pa, pb, po, r, c, alpha, beta, walk];
    if (kind === STRIDED) {
      this.walks('binary', layout.shape, layout.strides, [0, 0], (s, e, walk, n) => call(a, b, out + 4 * s * n, 0, 0, walk));
      return;
    }
    // Element steps of a and b per column and per row of the output.
    const fullA = kind === SAME || kind === ROW_B || kind === COLUMN_B, fullB = kind === SAME || kind === ROW_A || kind === COLUMN_A;
    const colA = fullA || kind === ROW_A ? 1 : 0, colB = fullB || kind === ROW_B ? 1 : 0;
    const rowA = fullA ? cols : kind === COLUMN_A ? 1 : 0, rowB = fullB ? cols : kind === COLUMN_B ? 1 : 0;
    const chunks = this.chunks(rows * cols);
    if (kind === SAME || rows === 1)
      this.split('binary', cols * rows, chunks, ALIGN, (s, e) => call(a + 4 * s * colA, b + 4 * s * colB, out + 4 * s, 1, e - s));
    else this.split('binary', rows, chunks, 1, (s, e) => call(a + 4 * s * rowA, b + 4 * s * rowB, out + 4 * s * cols, e - s, cols));
  }

  reduce(op: number, x: number, out: number, layout: AxisLayout): void {
    this.alongAxis('reduce', layout, x, out, (px, po, outer, inner) => [op, px, po, outer, layout.length, inner, layout.inner]);
  }

  argReduce(max: boolean, x: number, out: number, layout: AxisLayout): void {
    this.alongAxis('argReduce', layout, x, out, (px, po, outer, inner) =>
      [px, po, outer, layout.length, inner, layout.inner, max ? 1 : 0]);
  }

  /**
   * A kernel over x [outer, length, inner] producing out [outer, inner], split by outer, or by inner
   * when outer is too short to give every chunk a share; never along length.
   */
  private alongAxis(
    kernel: KernelName, { outer, length, inner }: AxisLayout, x: number, out: number,
    argsFor: (x: number, out: number, outer: number, inner: number) => number[],
  ): void {
    const chunks = this.chunks(outer * length * inner);
    if (outer >= chunks || inner < 2 * ALIGN)
      this.split(kernel, outer, chunks, 1, (s, e) => argsFor(x + 4 * s * length * inner, out + 4 * s * inner, e - s, inner));
    else this.split(kernel, inner, chunks, ALIGN, (s, e) => argsFor(x + 4 * s, out + 4 * s, outer, e - s));
  }

  gather(x: number, index: number, out: number, args: GatherArgs): void {
    const { outer, length, inner, count, indexStrides: [s0, s1, s2] } = args;
    const chunks = this.chunks(outer * count * inner);
    const call = (px: number, pi: number, po: number, o: number, c: number) => [px, pi, po, o, length, inner, c, s0, s1, s2];
    // By outer; by index when there is one outer position (out is then [count, inner]).
    if (outer > 1)
      this.split('gather', outer, chunks, 1, (s, e) => call(x + 4 * s * length * inner, index + 4 * s * s0, out + 4 * s * count * inner, e - s, count));
    else this.split('gather', count, chunks, 1, (s, e) => call(x, index + 4 * s * s1, out + 4 * s * inner, 1, e - s));
  }

  /** Split by outer only: different indices along count may add into the same element. */
  scatterAdd(src: number, index: number, out: number, args: GatherArgs): void {
    const { outer, length, inner, count, indexStrides: [s0, s1, s2] } = args;
    this.split('scatterAdd', outer, this.chunks(outer * count * inner), 1, (s, e) =>
      [src + 4 * s * count * inner, index + 4 * s * s0, out + 4 * s * length * inner, e - s, length, inner, count, s0, s1, s2]);
  }

  softmax(x: number, out: number, rows: number, cols: number, log: boolean): void {
    this.split('softmax', rows, this.chunks(rows * cols), 1, (s, e) => [x + 4 * s * cols, out + 4 * s * cols, e - s, cols, log ? 1 : 0]);
  }

  crossEntropy(logits: number, labels: number, loss: number, grad: number, rows: number, cols: number, gradScale: number): void {
    this.split('crossEntropy', rows, this.chunks(rows * cols), 1, (s, e) => [
      logits + 4 * s * cols, labels + 4 * s, loss + 4 * s, grad ? grad + 4 * s * cols : 0, e - s, cols, gradScale,
    ]);
  }

  dropout(x: number, out: number, length: number, { threshold, scale, seedLo, seedHi, offset }: DropoutArgs): void {
    this.elementwise('dropout', length, (s, e) => [x + 4 * s, out + 4 * s, e - s, threshold, scale, seedLo, seedHi, offset, s]);
  }

  sgdUpdate(param: number, grad: number, velocity: number, length: number, lr: number, weightDecay: number, momentum: number): void {
    this.elementwise('sgdUpdate', length, (s, e) =>
      [param + 4 * s, grad + 4 * s, velocity ? velocity + 4 * s : 0, e - s, lr, weightDecay, momentum]);
  }

  /** scalars: lr, beta1, beta2, eps, weightDecay, biasCorrection1, biasCorrection2. */
  adamUpdate(param: number, grad: number, m: number, v: number, length: number, scalars: readonly number[]): void {
    this.elementwise('adamUpdate', length, (s, e) => [param + 4 * s, grad + 4 * s, m + 4 * s, v + 4 * s, e - s, ...scalars]);
  }

  stridedCopy(x: number, out: number, layout: StridedLayout): void {
    this.walks('stridedCopy', layout.shape, [layout.inStrides, layout.outStrides], [layout.inOffset, layout.outOffset],
      (_s, _e, walk) => [x, out, walk]);
  }

  /**
   * A kernel over a strided walk, split by outer index: each part's walk block starts at its first
   * outer index. argsFor gets the range, its walk block and the walk's inner length.
   */
  private walks(
    kernel: KernelName, shape: readonly number[], strides: readonly (readonly number[])[], offsets: readonly number[],
    argsFor: (start: number, end: number, walk: number, inner: number) => number[],
  ): void {
    const inner = shape[shape.length - 1];
    const outer = shape.slice(0, -1).reduce((p, d) => p * d, 1);
    const ranges = splitRange(outer, this.chunks(outer * inner), 1);
    const words = ranges.map(([s, e]) => walkWords(shape, strides, offsets, s, e - s));
    const bytes = Math.ceil((words[0].length * 4) / 16) * 16;
    const block = this.reserve(`walk.${kernel}`, bytes * ranges.length);
    const view = new Int32Array(this.buffer(), block, (bytes / 4) * ranges.length);
    words.forEach((w, p) => view.set(w, (p * bytes) / 4));
    this.run(kernel, ranges.map(([s, e], p) => argsFor(s, e, block + p * bytes, inner)));
  }
}
