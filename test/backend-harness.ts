/** The one helper that checks every kernel case on a backend against the cpu reference. */
import type { Backend } from '../bindings/backend.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { overriddenKernels, withDefaultKernels } from '../bindings/fused/index.js';
import { KERNEL_CASES, type KernelCase } from './kernel-cases/index.js';

/** Index and values of the first element outside tolerance (NaN matches only NaN), or null. */
export function firstMismatch(
  got: Float32Array, want: Float32Array, tolerance: number,
): { index: number; got: number; want: number } | null {
  if (got.length !== want.length) return { index: -1, got: got.length, want: want.length };
  for (let i = 0; i < got.length; i++) {
    const g = got[i], w = want[i];
    if (Number.isNaN(g) || Number.isNaN(w)) {
      if (Number.isNaN(g) && Number.isNaN(w)) continue;
      return { index: i, got: g, want: w };
    }
    if (tolerance === 0 ? !Object.is(g, w) : !(Math.abs(g - w) <= tolerance * (1 + Math.abs(w))) && g !== w)
      return { index: i, got: g, want: w };
  }
  return null;
}

export function expectOutputs(name: string, got: Float32Array[], want: Float32Array[], tolerance: number): void {
  if (got.length !== want.length) throw new Error(`${name}: ${got.length} outputs, the reference has ${want.length}`);
  for (let o = 0; o < want.length; o++) {
    const mismatch = firstMismatch(got[o], want[o], tolerance);
    if (mismatch)
      throw new Error(
        `${name}: output ${o} element ${mismatch.index}: got ${mismatch.got}, reference ${mismatch.want} (tolerance ${tolerance})`,
      );
  }
}

/**
 * Registers one jest test per kernel case, run on the backend `getBackend` returns. A case that runs a
 * fused kernel the backend overrides runs a second time on the backend's defaults (bindings/fused/), so
 * that both the override and the default are checked against the reference.
 */
export function describeKernelTable(backendName: string, getBackend: () => Backend, cases: KernelCase[] = KERNEL_CASES): void {
  const reference = new CpuBackend();
  describe(`kernel table on ${backendName}`, () => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, kernelCase) => {
      const backend = getBackend();
      const want = await kernelCase.run(reference);
      expectOutputs(kernelCase.name, await kernelCase.run(backend), want, kernelCase.tolerance);
      const overridden = overriddenKernels(backend);
      if (kernelCase.fused?.some((name) => overridden.includes(name)))
        expectOutputs(`${kernelCase.name} (defaults)`, await kernelCase.run(withDefaultKernels(backend)), want, kernelCase.tolerance);
    });
  });
}
