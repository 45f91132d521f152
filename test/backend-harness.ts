/** The one helper that checks every kernel case on a backend against the cpu reference. */
import type { Backend } from '../bindings/backend.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { KERNEL_CASES, type KernelCase } from './kernel-cases.js';

/** Index and values of the first element outside tolerance, or null. */
export function firstMismatch(
  got: Float32Array, want: Float32Array, tolerance: number,
): { index: number; got: number; want: number } | null {
  if (got.length !== want.length) return { index: -1, got: got.length, want: want.length };
  for (let i = 0; i < got.length; i++) {
    const g = got[i], w = want[i];
    if (tolerance === 0) {
      if (!Object.is(g, w) && !(Number.isNaN(g) && Number.isNaN(w))) return { index: i, got: g, want: w };
    } else if (!(Math.abs(g - w) <= tolerance * (1 + Math.abs(w))) && !(g === w)) {
      return { index: i, got: g, want: w };
    }
  }
  return null;
}

/** Registers one jest test per kernel case, run on the backend `getBackend` returns. */
export function describeKernelTable(backendName: string, getBackend: () => Backend, cases: KernelCase[] = KERNEL_CASES): void {
  const reference = new CpuBackend();
  describe(`kernel table on ${backendName}`, () => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, kernelCase) => {
      const backend = getBackend();
      const want = await kernelCase.run(reference);
      const got = await kernelCase.run(backend);
      expect(got.length).toBe(want.length);
      for (let o = 0; o < want.length; o++) {
        const mismatch = firstMismatch(got[o], want[o], kernelCase.tolerance);
        if (mismatch)
          throw new Error(
            `${kernelCase.name}: output ${o} element ${mismatch.index}: got ${mismatch.got}, ` +
              `reference ${mismatch.want} (tolerance ${kernelCase.tolerance})`,
          );
      }
    });
  });
}
