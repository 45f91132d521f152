/**
 * Batched matrix products on the kernel runner's threads. One large product is cut in phases
 * (assembly/matmul.ts): for each NC block of columns and each group of K, the threads first pack B's
 * panels into shared scratch, then compute chunks of rows of C (or of panels, when C has few rows),
 * each thread packing A into its own scratch. Several small products are handed out whole.
 */
import type { MatmulArgs } from '../backend.js';
import type { KernelRunner } from './kernel-runner.js';

/**
 * A product's work for KernelRunner.chunks: multiply-adds (m·n·k) / 32. A thread's share then needs
 * about 2M multiply-adds by default (some 100 µs): below that, waking a worker cost more than it saved
 * in the bench (128³ and the MLP's [256×256]·[256×10] ran slower on two threads).
 */
const work = (m: number, n: number, k: number) => (m * n * k) / 32;

const ROUTE_EMPTY = 0, ROUTE_FEW_ROWS = 1, ROUTE_GEMM_TRANSPOSED = 3;
/** Columns of a few-row product per chunk: a multiple of its 16-column blocks. */
const FEW_ROWS_ALIGN = 16;
/** Where the running thread's index goes in each kernel's arguments (per-thread scratch). */
const THREAD_ARG = { matmulBatch: 11, matmulCompute: 11, matmulFewRows: 11 } as const;

/** Byte offsets of the operands; bias 0 when there is none. */
export interface MatmulPointers {
  a: number;
  b: number;
  c: number;
  bias: number;
}

/** C = op(A)·op(B) (+ bias) (then ReLU) for each product of the batch, on the runner's threads. */
export function runMatmul(
  runner: KernelRunner, { a, b, c, bias }: MatmulPointers, args: MatmulArgs, scratchFor: (bytes: number) => number,
): void {
  const { m, n, k, batch, aBatchStride, bBatchStride } = args;
  const kernels = runner.kernels;
  const flags = [args.transA ? 1 : 0, args.transB ? 1 : 0] as const;
  const relu = args.relu ? 1 : 0;
  if (batch > 1 && runner.chunks(work(m, n, k)) === 1) {
    const chunks = Math.min(batch, runner.chunks(work(m, n, k) * batch));
    if (chunks > 1) {
      const scratch = scratchFor(runner.threads * kernels.matmulScratchBytes(m, n, k, 1));
      runner.split('matmulBatch', batch, chunks, 1, (s, e) =>
        [a, b, c, m, n, k, ...flags, bias, relu, scratch, 0, aBatchStride, bBatchStride, s, e], THREAD_ARG.matmulBatch);
      return;
    }
  }
  for (let t = 0; t < batch; t++) {
    const product = { a: a + 4 * t * aBatchStride, b: b + 4 * t * bBatchStride, c: c + 4 * t * m * n, bias };
    runProduct(runner, product, m, n, k, flags, relu, scratchFor);
  }
}

function runProduct(
  runner: KernelRunner, { a, b, c, bias }: MatmulPointers, m: number, n: number, k: number,
  [transA, transB]: readonly [number, number], relu: number, scratchFor: (bytes: number) => number,
): void {
  const kernels = runner.kernels;
  const route = kernels.matmulRoute(m, n, k);
  const chunks = route === ROUTE_EMPTY ? 1 : runner.chunks(work(m, n, k));
  const shape = [m, n, k, transA, transB] as const;
  if (chunks === 1) {
    kernels.matmul(a, b, c, ...shape, bias, relu, scratchFor(kernels.matmulScratchBytes(m, n, k, 1)));
    return;
  }
  const scratch = scratchFor(kernels.matmulScratchBytes(m, n, k, runner.threads));
  const common = [a, b, c, ...shape, bias, relu, scratch, 0] as const;
  if (route === ROUTE_FEW_ROWS) {
    runner.split('matmulFewRows', n, chunks, FEW_ROWS_ALIGN, (s, e) => [...common, s, e], THREAD_ARG.matmulFewRows);
    return;
  }
  const transposed = route === ROUTE_GEMM_TRANSPOSED;
  const rows = transposed ? n : m, cols = transposed ? m : n;
  const [MR, NR, NC] = [0, 1, 4].map((which) => kernels.matmulBlocking(which));
  const depth = kernels.matmulGroupDepth(m, n, k);
  for (let jc = 0; jc < cols; jc += NC) {
    const panels = Math.ceil(Math.min(NC, cols - jc) / NR);
    for (let pc = 0; pc < k; pc += depth) {
      runner.split('matmulPackB', panels, chunks, 1, (s, e) => [a, b, m, n, k, transA, transB, scratch, jc, pc, s, e]);
      if (Math.ceil(rows / MR) >= Math.min(chunks, panels))
        runner.split('matmulCompute', rows, chunks, MR, (s, e) => [...common, jc, pc, s, e, 0, panels], THREAD_ARG.matmulCompute);
      else runner.split('matmulCompute', panels, chunks, 1, (s, e) => [...common, jc, pc, 0, rows, s, e], THREAD_ARG.matmulCompute);
    }
  }
}
