/**
 * Worker threads that run kernel jobs on one shared memory. A job is one kernel over a table of
 * chunks; the main thread posts it in the control block (bindings/wasm/control-block.ts), wakes the
 * workers and claims chunks itself, so that a worker that is slow to wake (a busy machine) costs
 * nothing: its chunks are done by whoever claims them first. The main thread then waits for the
 * chunks others claimed: with Atomics.wait where it may block, by polling where it may not (a
 * browser's main thread). A kernel that throws makes the job throw a BackendError; a worker that
 * exits, fails, or holds a chunk too long makes it throw too, and every later job: the pool is then
 * ended.
 */
import { BackendError } from '../errors.js';
import {
  ARG_COUNT, ARGS, CHUNKS, CLAIM, CLAIM_CLOSED, CLAIM_INDEX_BITS, CLAIM_TAG_MASK, CONTROL_LAYOUT, CONTROL_WORDS, ERROR_LENGTH, ERROR_TEXT, ERROR_THREAD, FAILED,
  FINISHED, KERNEL, MAX_ARGS, MAX_CHUNKS, SEQ, STOP, THREAD_ARG,
} from './control-block.js';
import { runChunks, type ControlViews } from './kernel-worker.js';
import type { KernelExports, KernelName } from './wasm-module.js';
import { canBlock, startKernelWorker, type KernelWorker } from './worker-host.js';

/** Tuning of a pool (the defaults suit the backend; tests shorten the timeouts). */
export interface ThreadPoolOptions {
  /** Polls of the control block before sleeping (worker side) or blocking (main side). */
  spin?: number;
  /**
   * How long to wait for a chunk a worker claimed beyond 50 times the main thread's own part of the
   * job before declaring the worker dead, in ms (default 10 s).
   */
  timeoutMs?: number;
  /** How long workers may take to start, in ms (default 30 s). */
  startTimeoutMs?: number;
  /** Whether the main thread runs chunks too (default true; false leaves them all to the workers). */
  mainThreadWorks?: boolean;
}

const now = () => performance.now();
/** The most one step of waiting for workers counts, in ms (steps are 20 ms, or a poll, when awake). */
const MAX_WAIT_STEP_MS = 100;

/** Worker threads serving kernel jobs on one shared memory; start one with ThreadPool.start(). */
export class ThreadPool {
  private readonly views: ControlViews;
  private readonly kernelIndex: Map<KernelName, number>;
  private readonly here: ((...args: number[]) => void)[];
  private readonly blocking = canBlock();
  private seq = 0;
  private failure: string | null = null;
  private disposed = false;

  private constructor(
    private readonly workers: KernelWorker[],
    control: SharedArrayBuffer,
    kernels: readonly KernelName[],
    exports: KernelExports,
    private readonly options: Required<ThreadPoolOptions>,
  ) {
    this.views = { words: new Int32Array(control), args: new Float64Array(control), text: new Uint16Array(control) };
    this.kernelIndex = new Map(kernels.map((name, i) => [name, i]));
    this.here = kernels.map((name) => exports[name] as (...args: number[]) => void);
    workers.forEach((worker, w) =>
      worker.onFailure((reason) => {
        if (!this.disposed) this.failure ??= `worker thread ${w + 1} ${reason}`;
      }),
    );
  }

  /**
   * Starts `count` workers, each instantiating `module` on `memory`, able to run `kernels`; `exports`
   * are the main thread's instance of the module.
   */
  static async start(
    module: WebAssembly.Module, memory: WebAssembly.Memory, exports: KernelExports, count: number,
    kernels: readonly KernelName[], options: ThreadPoolOptions = {},
  ): Promise<ThreadPool> {
    const settings = { spin: 20000, timeoutMs: 10000, startTimeoutMs: 30000, mainThreadWorks: true, ...options };
    const control = new SharedArrayBuffer(CONTROL_WORDS * 4);
    const workers: KernelWorker[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      for (let w = 0; w < count; w++) workers.push(await startKernelWorker());
      workers.forEach((worker, w) =>
        worker.start({ module, memory, control, thread: w + 1, kernels: [...kernels], layout: CONTROL_LAYOUT, spin: settings.spin }),
      );
      const limit = settings.startTimeoutMs;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`they did not start within ${limit} ms`)), limit);
      });
      await Promise.race([Promise.all(workers.map((worker) => worker.ready)), timeout]);
    } catch (error) {
      for (const worker of workers) worker.terminate();
      throw new BackendError(`wasm: cannot start the kernel worker threads: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return new ThreadPool(workers, control, kernels, exports, settings);
  }

  /** Threads a job can use: the workers and the main thread. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Runs `kernel` once per chunk (argument list) on whichever threads claim the chunks, and returns
   * when all are done. Argument `threadArg` of each chunk (if >= 0) is replaced by the index of the
   * thread that runs it, for kernels that keep per-thread scratch.
   */
  run(kernel: KernelName, chunks: readonly (readonly number[])[], threadArg = -1): void {
    if (this.failure) throw this.broken();
    const { words, args } = this.views;
    const index = this.kernelIndex.get(kernel);
    if (index === undefined) throw new BackendError(`wasm: the worker threads cannot run ${kernel}`);
    const argCount = chunks[0]?.length ?? 0;
    if (chunks.length === 0 || chunks.length > MAX_CHUNKS || argCount > MAX_ARGS)
      throw new BackendError(`wasm: a job of ${chunks.length} chunks of ${argCount} arguments (at most ${MAX_CHUNKS} of ${MAX_ARGS})`);
    const tag = ++this.seq & CLAIM_TAG_MASK;
    Atomics.store(words, CLAIM, (tag << CLAIM_INDEX_BITS) | CLAIM_CLOSED);
    words[KERNEL] = index;
    words[CHUNKS] = chunks.length;
    words[ARG_COUNT] = argCount;
    words[THREAD_ARG] = threadArg;
    words[FAILED] = 0;
    words[FINISHED] = 0;
    chunks.forEach((chunk, c) => args.set(chunk, ARGS / 2 + c * MAX_ARGS));
    Atomics.store(words, CLAIM, tag << CLAIM_INDEX_BITS);
    Atomics.store(words, SEQ, this.seq);
    Atomics.notify(words, SEQ);
    const started = now();
    if (this.options.mainThreadWorks) runChunks(this.views, CONTROL_LAYOUT, this.here, tag, 0);
    this.await(kernel, chunks.length, this.options.timeoutMs + 50 * (now() - started));
    if (words[FAILED]) {
      const message = String.fromCharCode(...this.views.text.subarray(ERROR_TEXT * 2, ERROR_TEXT * 2 + words[ERROR_LENGTH]));
      const thread = words[ERROR_THREAD] === 0 ? 'the main thread' : `worker thread ${words[ERROR_THREAD]}`;
      throw new BackendError(`wasm: ${kernel} failed on ${thread}: ${message}`);
    }
  }

  /** Ends the workers. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
  }

  /**
   * Waits until every chunk of the job is counted, or `allowanceMs` of waiting has passed. Waiting is
   * summed in steps of at most MAX_WAIT_STEP_MS, so that a process or machine that was suspended
   * (a laptop asleep, a paused VM) does not count the pause against the workers.
   */
  private await(kernel: KernelName, chunks: number, allowanceMs: number): void {
    const { words } = this.views;
    let polls = 0, waited = 0, last = now();
    for (;;) {
      const finished = Atomics.load(words, FINISHED);
      if (finished === chunks) return;
      if (++polls < this.options.spin) continue;
      if (this.blocking) Atomics.wait(words, FINISHED, finished, 20);
      if (!this.blocking && (polls & 1023) !== 0) continue;
      const time = now();
      waited += Math.min(time - last, MAX_WAIT_STEP_MS);
      last = time;
      if (waited > allowanceMs) {
        this.failure ??= `a worker thread did not finish its part of ${kernel} in time (it may have died)`;
        throw this.broken();
      }
    }
  }

  private broken(): BackendError {
    this.stop();
    return new BackendError(`wasm: ${this.failure}; the backend's worker threads are ended (dispose it and create another)`);
  }

  private stop(): void {
    if (this.workers.length === 0) return;
    const { words } = this.views;
    Atomics.store(words, STOP, 1);
    Atomics.store(words, SEQ, ++this.seq);
    Atomics.notify(words, SEQ);
    for (const worker of this.workers) worker.terminate();
    this.workers.length = 0;
  }
}
