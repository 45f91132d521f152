/**
 * The kernel worker: it instantiates the kernel module on the shared memory, then runs chunks of the
 * jobs the main thread posts in the control block (bindings/wasm/control-block.ts) until told to stop.
 * This file imports only types: bindings/build/embed.mjs strips them and embeds it as the source the
 * workers run (no file path for a bundler or Deno to resolve). The main thread imports runChunks.
 */
import type { ControlLayout } from './control-block.js';

/** What the main thread sends a worker once: everything it needs to serve jobs. */
export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** This worker's thread index (1, 2, ...; the main thread is 0). */
  thread: number;
  kernels: string[];
  layout: ControlLayout;
  /** Polls of SEQ after a job before sleeping in Atomics.wait (a job that follows soon starts sooner). */
  spin: number;
}

/** The messages a worker posts: ready once it serves jobs, or why it cannot. */
export type WorkerReport = { ready: true } | { ready: false; error: string };

/** The control block's views. */
export interface ControlViews {
  words: Int32Array;
  args: Float64Array;
  text: Uint16Array;
}

type Kernel = (...args: number[]) => void;

/**
 * Claims chunks of the job tagged `tag` and runs them on `thread` until none is left. A chunk's job is
 * read only after its claim succeeded: the job cannot end (nor the next be written) before the chunk
 * is counted in FINISHED, and CLAIM is closed before the next is written (control-block.ts). A chunk
 * that throws is counted too; the first one leaves its error text.
 */
export function runChunks({ words, args, text }: ControlViews, layout: ControlLayout, kernels: Kernel[], tag: number, thread: number): void {
  const { CLAIM, CLAIM_INDEX_BITS, CHUNKS, ARG_COUNT, ARGS, MAX_ARGS, THREAD_ARG, KERNEL, FAILED, ERROR_LENGTH, ERROR_THREAD, ERROR_TEXT, ERROR_CHARS, FINISHED } = layout;
  for (;;) {
    const claim = Atomics.load(words, CLAIM);
    if (claim >>> CLAIM_INDEX_BITS !== tag) return;
    const index = claim & ((1 << CLAIM_INDEX_BITS) - 1);
    if (index >= Atomics.load(words, CHUNKS)) return;
    if (Atomics.compareExchange(words, CLAIM, claim, claim + 1) !== claim) continue;
    const first = ARGS / 2 + index * MAX_ARGS;
    const chunk = Array.from(args.subarray(first, first + words[ARG_COUNT]));
    if (words[THREAD_ARG] >= 0) chunk[words[THREAD_ARG]] = thread;
    try {
      kernels[words[KERNEL]](...chunk);
    } catch (error) {
      if (Atomics.compareExchange(words, FAILED, 0, 1) === 0) {
        const message = String(error).slice(0, ERROR_CHARS);
        for (let i = 0; i < message.length; i++) text[ERROR_TEXT * 2 + i] = message.charCodeAt(i);
        words[ERROR_LENGTH] = message.length;
        words[ERROR_THREAD] = thread;
      }
    }
    if (Atomics.add(words, FINISHED, 1) + 1 === words[CHUNKS]) Atomics.notify(words, FINISHED);
  }
}

/** Serves jobs until the main thread sets STOP; never returns otherwise. */
export function serveKernelJobs(init: WorkerInit, kernels: Kernel[]): void {
  const { SEQ, STOP } = init.layout;
  const views = { words: new Int32Array(init.control), args: new Float64Array(init.control), text: new Uint16Array(init.control) };
  const words = views.words;
  let seen = 0;
  for (;;) {
    let polls = 0;
    while (Atomics.load(words, SEQ) === seen && polls < init.spin) polls++;
    if (Atomics.load(words, SEQ) === seen) Atomics.wait(words, SEQ, seen);
    if (Atomics.load(words, STOP)) return;
    const seq = Atomics.load(words, SEQ);
    if (seq === seen) continue;
    seen = seq;
    runChunks(views, init.layout, kernels, seq & init.layout.CLAIM_TAG_MASK, init.thread);
  }
}

interface Port {
  post(message: WorkerReport): void;
  once(listener: (init: WorkerInit) => void): void;
}

/**
 * Instantiates the module on the shared memory and serves jobs. Synchronously (a worker may): an
 * instantiation pending in the background would not keep a Node worker alive.
 */
export function runKernelWorker(port: Port): void {
  port.once((init) => {
    let kernels: Kernel[];
    try {
      const exports = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports as Record<string, unknown>;
      const missing = init.kernels.filter((name) => typeof exports[name] !== 'function');
      if (missing.length > 0) throw new Error(`the module has no export ${missing.join(', ')}`);
      kernels = init.kernels.map((name) => exports[name] as Kernel);
    } catch (error) {
      port.post({ ready: false, error: String(error) });
      return;
    }
    port.post({ ready: true });
    serveKernelJobs(init, kernels);
  });
}

/** Node's parentPort, as much of it as the worker uses. */
export interface NodeParentPort {
  postMessage(message: unknown): void;
  once(event: 'message', listener: (init: WorkerInit) => void): void;
}

/**
 * Connects runKernelWorker to this worker's port: Node's parentPort when given (the Node bootstrap
 * imports it), else the web worker's scope.
 */
export function bootKernelWorker(nodePort?: NodeParentPort): void {
  if (nodePort) {
    runKernelWorker({
      post: (message) => nodePort.postMessage(message),
      once: (listener) => nodePort.once('message', listener),
    });
    return;
  }
  const scope = globalThis as unknown as {
    postMessage(message: unknown): void;
    onmessage: ((event: MessageEvent) => void) | null;
  };
  runKernelWorker({
    post: (message) => scope.postMessage(message),
    once: (listener) => {
      scope.onmessage = (event) => {
        scope.onmessage = null;
        listener(event.data as WorkerInit);
      };
    },
  });
}
