/**
 * Worker threads that run kernel calls on one shared memory. The main thread posts a call to each
 * worker through its control-block slot, runs its own share, then waits for the workers: with
 * Atomics.wait where the thread may block, by polling where it may not (a browser's main thread).
 * A worker that fails, exits, or does not answer in time makes the call throw a BackendError, and
 * every later one too: the pool is then ended.
 */
import { BackendError } from '../errors.js';
import {
  ARG_COUNT, ARGS, CONTROL_LAYOUT, DONE, ERROR_LENGTH, ERROR_TEXT, KERNEL, MAX_ARGS, SEQ, SLOT_WORDS, STATUS,
  STATUS_OK, STOP,
} from './control-block.js';
import type { KernelName } from './wasm-module.js';
import { canBlock, startKernelWorker, type KernelWorker } from './worker-host.js';

/** One kernel call with its arguments (pointers, counts, scalars). */
export interface KernelCall {
  readonly kernel: KernelName;
  readonly args: readonly number[];
}

/** Tuning of a pool (the defaults suit the backend; tests shorten the timeouts). */
export interface ThreadPoolOptions {
  /** Polls of a worker's slot before sleeping (worker side) or blocking (main side). */
  spin?: number;
  /**
   * How long to wait for a worker beyond 50 times the main thread's own share of the call before
   * declaring it dead, in ms (default 10 s).
   */
  timeoutMs?: number;
  /** How long workers may take to start, in ms (default 30 s). */
  startTimeoutMs?: number;
}

const now = () => performance.now();

/** Worker threads serving kernel calls on one shared memory; start one with ThreadPool.start(). */
export class ThreadPool {
  private readonly words: Int32Array;
  private readonly args: Float64Array;
  private readonly text: Uint16Array;
  private readonly kernelIndex: Map<KernelName, number>;
  private readonly seqs: number[];
  private readonly blocking = canBlock();
  private failure: string | null = null;
  private disposed = false;

  private constructor(
    private readonly workers: KernelWorker[],
    control: SharedArrayBuffer,
    kernels: readonly KernelName[],
    private readonly spin: number,
    private readonly timeoutMs: number,
  ) {
    this.words = new Int32Array(control);
    this.args = new Float64Array(control);
    this.text = new Uint16Array(control);
    this.kernelIndex = new Map(kernels.map((name, i) => [name, i]));
    this.seqs = workers.map(() => 0);
    workers.forEach((worker, w) =>
      worker.onFailure((reason) => {
        if (!this.disposed) this.failure ??= `worker thread ${w + 1} ${reason}`;
      }),
    );
  }

  /** Starts `count` workers, each instantiating `module` on `memory`, able to run `kernels`. */
  static async start(
    module: WebAssembly.Module, memory: WebAssembly.Memory, count: number, kernels: readonly KernelName[],
    options: ThreadPoolOptions = {},
  ): Promise<ThreadPool> {
    const spin = options.spin ?? 20000;
    const control = new SharedArrayBuffer((count + 1) * SLOT_WORDS * 4);
    const workers: KernelWorker[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      for (let w = 0; w < count; w++) workers.push(await startKernelWorker());
      workers.forEach((worker, w) =>
        worker.start({ module, memory, control, slot: w + 1, kernels: [...kernels], layout: CONTROL_LAYOUT, spin }),
      );
      const limit = options.startTimeoutMs ?? 30000;
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
    return new ThreadPool(workers, control, kernels, spin, options.timeoutMs ?? 10000);
  }

  /** Threads a call can use: the workers and the main thread. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Runs calls[0] on this thread (through runHere) and calls[w] on worker w, and returns when all are
   * done. Throws BackendError when a worker failed; a call this thread's share throws is rethrown once
   * the workers are done with the memory.
   */
  run(calls: readonly (KernelCall | null)[], runHere: (call: KernelCall) => void): void {
    if (this.failure) throw this.broken();
    if (calls.length > this.threads) throw new BackendError(`wasm: ${calls.length} calls for ${this.threads} threads`);
    const posted: number[] = [];
    for (let w = 1; w < calls.length; w++) {
      const call = calls[w];
      if (!call) continue;
      this.post(w, call);
      posted.push(w);
    }
    const started = now();
    let ownError: unknown = null;
    try {
      if (calls[0]) runHere(calls[0]);
    } catch (error) {
      ownError = error;
    }
    const deadline = now() + this.timeoutMs + 50 * (now() - started);
    for (const w of posted) this.await(w, calls[w]!, deadline);
    if (ownError) throw ownError;
  }

  /** Ends the workers. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
  }

  private post(w: number, call: KernelCall): void {
    const index = this.kernelIndex.get(call.kernel);
    if (index === undefined) throw new BackendError(`wasm: the worker threads cannot run ${call.kernel}`);
    if (call.args.length > MAX_ARGS) throw new BackendError(`wasm: ${call.kernel} has more than ${MAX_ARGS} arguments`);
    const base = w * SLOT_WORDS;
    this.words[base + KERNEL] = index;
    this.words[base + ARG_COUNT] = call.args.length;
    this.args.set(call.args, (base + ARGS) / 2);
    Atomics.store(this.words, base + SEQ, ++this.seqs[w - 1]);
    Atomics.notify(this.words, base + SEQ, 1);
  }

  private await(w: number, call: KernelCall, deadline: number): void {
    const base = w * SLOT_WORDS;
    const seq = this.seqs[w - 1];
    let polls = 0;
    for (;;) {
      const done = Atomics.load(this.words, base + DONE);
      if (done === seq) break;
      if (++polls < this.spin) continue;
      if (this.blocking) Atomics.wait(this.words, base + DONE, done, 20);
      if ((polls & 1023) === 0 || this.blocking) {
        if (now() > deadline)
          throw this.fail(`worker thread ${w} did not finish ${call.kernel} in time (it may have died)`);
      }
    }
    if (this.words[base + STATUS] !== STATUS_OK) {
      const length = this.words[base + ERROR_LENGTH];
      const from = (base + ERROR_TEXT) * 2;
      const message = String.fromCharCode(...this.text.subarray(from, from + length));
      throw this.fail(`worker thread ${w} failed in ${call.kernel}: ${message}`);
    }
  }

  private fail(reason: string): BackendError {
    this.failure ??= reason;
    this.stop();
    return this.broken();
  }

  private broken(): BackendError {
    this.stop();
    return new BackendError(`wasm: ${this.failure}; the backend's worker threads are ended (dispose it and create another)`);
  }

  private stop(): void {
    this.workers.forEach((worker, w) => {
      const base = (w + 1) * SLOT_WORDS;
      this.words[base + KERNEL] = STOP;
      Atomics.store(this.words, base + SEQ, ++this.seqs[w]);
      Atomics.notify(this.words, base + SEQ, 1);
      worker.terminate();
    });
    this.workers.length = 0;
  }
}
