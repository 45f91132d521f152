/**
 * The kernel worker: it instantiates the kernel module on the shared memory, then serves calls
 * from its control-block slot (bindings/wasm/control-block.ts) until told to stop. This file imports
 * only types: bindings/build/embed.mjs strips them and embeds it as the source the workers run (no
 * file path for a bundler or Deno to resolve).
 */
import type { ControlLayout } from './control-block.js';

/** What the main thread sends a worker once: everything it needs to serve calls. */
export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  slot: number;
  kernels: string[];
  layout: ControlLayout;
  /** Polls of SEQ after a call before sleeping in Atomics.wait (a call that follows soon starts sooner). */
  spin: number;
}

/** The messages a worker posts: ready once it serves calls, or why it cannot. */
export type WorkerReport = { ready: true } | { ready: false; error: string };

interface Port {
  post(message: WorkerReport): void;
  once(listener: (init: WorkerInit) => void): void;
}

/** Serves calls from the slot until the main thread writes STOP; never returns otherwise. */
export function serveKernelCalls(init: WorkerInit, kernels: ((...args: number[]) => void)[]): void {
  const { SLOT_WORDS, SEQ, DONE, KERNEL, STATUS, ARG_COUNT, ERROR_LENGTH, ARGS, ERROR_TEXT, ERROR_CHARS, STOP } = init.layout;
  const words = new Int32Array(init.control);
  const args = new Float64Array(init.control);
  const text = new Uint16Array(init.control);
  const base = init.slot * SLOT_WORDS;
  let seen = 0;
  for (;;) {
    let polls = 0;
    while (Atomics.load(words, base + SEQ) === seen && polls < init.spin) polls++;
    if (Atomics.load(words, base + SEQ) === seen) Atomics.wait(words, base + SEQ, seen);
    const seq = Atomics.load(words, base + SEQ);
    if (seq === seen) continue;
    seen = seq;
    const kernel = words[base + KERNEL];
    if (kernel === STOP) return;
    const first = (base + ARGS) / 2;
    try {
      kernels[kernel](...args.subarray(first, first + words[base + ARG_COUNT]));
      words[base + STATUS] = init.layout.STATUS_OK;
    } catch (error) {
      const message = String(error).slice(0, ERROR_CHARS);
      for (let i = 0; i < message.length; i++) text[(base + ERROR_TEXT) * 2 + i] = message.charCodeAt(i);
      words[base + ERROR_LENGTH] = message.length;
      words[base + STATUS] = init.layout.STATUS_FAILED;
    }
    Atomics.store(words, base + DONE, seq);
    Atomics.notify(words, base + DONE);
  }
}

/**
 * Instantiates the module on the shared memory and serves calls. Synchronously (a worker may): an
 * instantiation pending in the background would not keep a Node worker alive.
 */
export function runKernelWorker(port: Port): void {
  port.once((init) => {
    let kernels: ((...args: number[]) => void)[];
    try {
      const exports = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports as Record<string, unknown>;
      const missing = init.kernels.filter((name) => typeof exports[name] !== 'function');
      if (missing.length > 0) throw new Error(`the module has no export ${missing.join(', ')}`);
      kernels = init.kernels.map((name) => exports[name] as (...args: number[]) => void);
    } catch (error) {
      port.post({ ready: false, error: String(error) });
      return;
    }
    port.post({ ready: true });
    serveKernelCalls(init, kernels);
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
