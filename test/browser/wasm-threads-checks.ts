/**
 * The wasm backend on worker threads inside Deno and Chromium (no Node, no jest): the whole kernel
 * table on a threaded backend against the cpu reference, and bit for bit against one thread, for
 * the plain SIMD build and for the one the runtime picks (relaxed SIMD where supported). Returns
 * plain JSON for the jest test that launched the runtime to assert on.
 */
import { CpuBackend, createWasmBackend } from '../../bindings/index.js';
import { firstMismatch } from '../backend-harness.js';
import { KERNEL_CASES } from '../kernel-cases/index.js';

export interface VariantRun {
  variant: string;
  threads: number;
  fallbackReason: string | null;
  /** Cases whose threaded outputs are outside the table's tolerance of the reference. */
  referenceFailures: string[];
  /** Cases whose threaded outputs differ from one thread's in any bit. */
  differences: string[];
}

export interface ThreadChecksResult {
  crossOriginIsolated: boolean | null;
  /** Whether this thread may block in Atomics.wait (not on a browser's main thread). */
  canBlock: boolean;
  cases: number;
  runs: VariantRun[];
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

async function checkVariant(variant: 'simd' | 'auto', threads: number, reference: CpuBackend): Promise<VariantRun> {
  const one = await createWasmBackend({ variant, threads: 1 });
  const many = await createWasmBackend({ variant, threads, minWorkPerThread: 1 });
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
  return { variant: many.variant, threads: many.threads, fallbackReason: many.threadsFallbackReason, referenceFailures, differences };
}

/** Runs the checks on backends of `threads` threads (every kernel split: minWorkPerThread 1). */
export async function runWasmThreadChecks(threads = 3): Promise<ThreadChecksResult> {
  const started = performance.now();
  const reference = new CpuBackend();
  const runs = [await checkVariant('simd', threads, reference), await checkVariant('auto', threads, reference)];
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return { crossOriginIsolated: isolated ?? null, canBlock: canBlock(), cases: KERNEL_CASES.length, runs, ms: performance.now() - started };
}
