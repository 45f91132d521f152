/** Starting the worker threads of a wasm backend, or finding out why it runs on one thread. */
import { BackendError } from '../errors.js';
import { ThreadPool } from './thread-pool.js';
import { instantiateKernels, type KernelInstance, type KernelName, type WasmVariant } from './wasm-module.js';
import { availableCores, threadsUnavailableReason } from './worker-host.js';

const MAX_DEFAULT_THREADS = 8;
const PAGE_BYTES = 65536;
const INITIAL_PAGES = 16;

/** The kernels worker threads run (the exports KernelRunner and runMatmul split). */
const WORKER_KERNELS: readonly KernelName[] = [
  'fill', 'copy', 'unary', 'binary', 'reduce', 'argReduce', 'stridedCopy', 'gather', 'scatterAdd', 'matmulBatch',
  'matmulPackB', 'matmulCompute', 'matmulFewRows', 'softmax', 'crossEntropy', 'dropout', 'sgdUpdate', 'adamUpdate',
];

/** How a backend's kernels use threads (createWasmBackend decides). */
export interface WasmThreads {
  pool?: ThreadPool | null;
  fallbackReason?: string | null;
  minWork?: number;
}

/** A module instance and, with threads, the pool of workers on its memory. */
export interface Threading {
  instance: KernelInstance;
  pool: ThreadPool | null;
  fallbackReason: string | null;
}

/** The module on a shared memory with `threads - 1` workers, or on its own memory with none. */
export async function startThreads(variant: WasmVariant, maxMemoryMiB: number, asked: number | undefined): Promise<Threading> {
  const single = async (fallbackReason: string | null) => ({ instance: await instantiateKernels(variant), pool: null, fallbackReason });
  if (asked === 1) return single(null);
  const unavailable = threadsUnavailableReason();
  if (unavailable) return single(unavailable);
  const threads = asked ?? Math.min(await availableCores(), MAX_DEFAULT_THREADS);
  if (threads === 1) return single(null);
  let memory: WebAssembly.Memory;
  try {
    const maximum = Math.max(INITIAL_PAGES, Math.ceil((maxMemoryMiB * 2 ** 20) / PAGE_BYTES));
    memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum, shared: true });
  } catch (cause) {
    return single(`a shared WebAssembly.Memory of ${maxMemoryMiB} MiB could not be created (${String(cause)})`);
  }
  const instance = await instantiateKernels(variant, memory);
  try {
    return { instance, pool: await ThreadPool.start(instance.module, memory, instance.kernels, threads - 1, WORKER_KERNELS), fallbackReason: null };
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    return single(error.message);
  }
}

