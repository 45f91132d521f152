/**
 * Starting kernel workers in each runtime — Node's worker_threads on a data: URL of the embedded
 * source, or a web Worker (Deno, browsers) on a Blob URL of it; both run it as a module — and finding
 * out whether threads can run here at all.
 */
import { KERNEL_WORKER_SOURCE } from './kernel-worker-source.generated.js';
import type { WorkerInit, WorkerReport } from './kernel-worker.js';

/** A started worker, the same in every runtime. */
export interface KernelWorker {
  start(init: WorkerInit): void;
  /** Resolves once the worker serves calls; rejects with why it cannot. */
  readonly ready: Promise<void>;
  /** Called once if the worker fails or exits after it was ready. */
  onFailure(listener: (reason: string) => void): void;
  terminate(): void;
}

interface Events {
  report(report: WorkerReport): void;
  failure(reason: string): void;
}

function isNode(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; Deno?: unknown };
  return !g.Deno && typeof g.process?.versions?.node === 'string';
}

/** A Node-only module, by a specifier bundlers for the browser do not try to resolve. */
function nodeModule<T>(name: string): Promise<T> {
  const specifier = `node:${name}`;
  return import(specifier) as Promise<T>;
}

interface Handle {
  post(init: WorkerInit): void;
  /** Lets the process exit while the worker lives (Node), once it is ready. */
  release(): void;
  terminate(): void;
}

async function startNodeWorker(events: Events): Promise<Handle> {
  const { Worker } = await nodeModule<typeof import('node:worker_threads')>('worker_threads');
  const source = `import { parentPort } from 'node:worker_threads';\n${KERNEL_WORKER_SOURCE}\nbootKernelWorker(parentPort);\n`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { name: 'webgrad kernels' });
  worker.on('message', (report: WorkerReport) => events.report(report));
  worker.on('error', (error) => events.failure(`failed: ${error.message}`));
  worker.on('exit', (code) => events.failure(`exited (code ${code})`));
  // An undisposed backend must not keep the process alive (unref after the listeners: adding a
  // 'message' listener refs the worker again).
  return { post: (init) => worker.postMessage(init), release: () => worker.unref(), terminate: () => void worker.terminate() };
}

function startWebWorker(events: Events): Handle {
  const source = `${KERNEL_WORKER_SOURCE}\nbootKernelWorker();\n`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  let worker: Worker;
  try {
    worker = new Worker(url, { type: 'module', name: 'webgrad kernels' });
  } finally {
    URL.revokeObjectURL(url);
  }
  worker.onmessage = (event: MessageEvent<WorkerReport>) => events.report(event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    events.failure(`failed: ${event.message || 'error event'}`);
  };
  worker.onmessageerror = () => events.failure('could not receive a message');
  return { post: (init) => worker.postMessage(init), release: () => undefined, terminate: () => worker.terminate() };
}

/** Starts one kernel worker (it waits for its WorkerInit). */
export async function startKernelWorker(): Promise<KernelWorker> {
  let settle: { resolve(): void; reject(error: Error): void } | null = null;
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let failureListener: ((reason: string) => void) | null = null;
  let failed: string | null = null;
  const events: Events = {
    report(report) {
      if (report.ready) settle?.resolve();
      else settle?.reject(new Error(report.error));
      settle = null;
    },
    failure(reason) {
      if (failed !== null) return;
      failed = reason;
      if (settle) settle.reject(new Error(`the worker ${reason}`));
      settle = null;
      failureListener?.(reason);
    },
  };
  const handle = isNode() ? await startNodeWorker(events) : startWebWorker(events);
  ready.then(() => handle.release(), () => undefined);
  return {
    start: (init) => handle.post(init),
    ready,
    onFailure(listener) {
      failureListener = listener;
      if (failed !== null) listener(failed);
    },
    terminate: () => handle.terminate(),
  };
}

/** Why worker threads cannot share memory here, or null where they can. */
export function threadsUnavailableReason(): string | null {
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown };
  if (g.crossOriginIsolated === false)
    return 'the page is not cross-origin isolated (serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object')
    return 'SharedArrayBuffer and Atomics are not available in this runtime';
  if (!isNode() && typeof g.Worker !== 'function') return 'this runtime has no Worker';
  return null;
}

/** Cores this process may use (Node: os.availableParallelism, elsewhere navigator.hardwareConcurrency). */
export async function availableCores(): Promise<number> {
  if (isNode()) {
    const os = await nodeModule<typeof import('node:os')>('os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof cores === 'number' && cores >= 1 ? cores : 1;
}

/** Whether this thread may block in Atomics.wait (a browser's main thread may not). */
export function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}
