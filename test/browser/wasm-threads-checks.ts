/**
 * The wasm backend on worker threads inside Deno and Chromium (no Node, no jest): the whole kernel
 * table on a threaded backend against the cpu reference, and bit for bit against one thread. Returns
 * plain JSON for the jest test that launched the runtime to assert on.
 */
import { CpuBackend, createWasmBackend } from '../../bindings/index.js';
import { firstMismatch } from '../backend-harness.js';
import { KERNEL_CASES } from '../kernel-cases/index.js';

export interface ThreadChecksResult {
  threads: number;
  fallbackReason: string | null;
  crossOriginIsolated: boolean | null;
  /** Whether this thread may block in Atomics.wait (not on a browser's main thread). */
  canBlock: boolean;
  cases: number;
  /** Cases whose threaded outputs are outside the table's tolerance of the reference. */
  referenceFailures: string[];
  /** Cases whose threaded outputs differ from one thread's in any bit. */
  differences: string[];
  ms: number;
}

function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs the checks on a backend of `threads` threads (every kernel split: minWorkPerThread 1). */
export async function runWasmThreadChecks(threads = 3): Promise<ThreadChecksResult> {
  const started = performance.now();
  const reference = new CpuBackend();
  const one = await createWasmBackend({ variant: 'simd', threads: 1 });
  const many = await createWasmBackend({ variant: 'simd', threads, minWorkPerThread: 1 });
  const referenceFailures: string[] = [], differences: string[] = [];
  try {
    for (const kernelCase of KERNEL_CASES) {
      const want = await kernelCase.run(reference);
      const single = await kernelCase.run(one);
      const got = await kernelCase.run(many);
      got.forEach((output, o) => {
        const off = firstMismatch(output, want[o], kernelCase.tolerance);
        if (off) referenceFailures.push(`${kernelCase.name} output ${o}: ${JSON.stringify(off)}`);
        const differs = firstMismatch(output, single[o], 0);
        if (differs) differences.push(`${kernelCase.name} output ${o}: ${JSON.stringify(differs)}`);
      });
    }
  } finally {
    one.dispose();
    many.dispose();
  }
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return {
    threads: many.threads, fallbackReason: many.threadsFallbackReason, crossOriginIsolated: isolated ?? null,
    canBlock: canBlock(), cases: KERNEL_CASES.length, referenceFailures, differences, ms: performance.now() - started,
  };
}
