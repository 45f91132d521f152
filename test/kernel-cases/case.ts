/** What a kernel-table case is, and the helpers cases share. */
import type { Backend, FusedKernelName } from '../../bindings/backend.js';
import { Tensor, tensor } from '../../bindings/tensor.js';
import { uniform } from '../random.js';

export interface KernelCase {
  name: string;
  /** Absolute-and-relative tolerance; 0 demands bit-for-bit equality (NaN equals NaN). */
  tolerance: number;
  /** The fused kernels the case runs: a backend that overrides one is also run with its defaults. */
  fused?: readonly FusedKernelName[];
  run(backend: Backend): Promise<Float32Array[]>;
}

/** Tolerance for a sum of `length` f32 products of values in [-1, 1]. */
export function reductionTolerance(length: number): number {
  return 2e-6 * Math.sqrt(Math.max(length, 1)) * 8;
}

/** Reads and disposes the tensors, in order. */
export async function outputs(...tensors: (Tensor | null)[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const t of tensors) {
    if (!t) continue;
    out.push(await t.data());
    t.dispose();
  }
  return out;
}

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A tensor of values uniform in [lo, hi). */
export function input(backend: Backend, shape: readonly number[], seed: number, lo = -1, hi = 1): Tensor {
  return tensor(uniform(size(shape), seed, lo, hi), shape, { backend });
}

/** A tensor of integers in [-2, 2] (ties for comparisons, zeros for where). */
export function integers(backend: Backend, shape: readonly number[], seed: number): Tensor {
  return tensor(uniform(size(shape), seed, -2, 2).map(Math.round), shape, { backend });
}

/** Runs fn on fresh inputs, disposes them, and reads fn's outputs. */
export async function withInputs(
  inputs: Tensor[], fn: (...xs: Tensor[]) => Tensor | (Tensor | null)[],
): Promise<Float32Array[]> {
  try {
    const out = fn(...inputs);
    return outputs(...(Array.isArray(out) ? out : [out]));
  } finally {
    for (const x of inputs) x.dispose();
  }
}

/** Sizes that are not multiples of any tile or vector width, and round ones. */
export const AWKWARD = [1, 3, 17, 255, 257, 784];

/** Special values every elementwise kernel must treat as the reference does. */
/** (None makes a subnormal f32: GPUs may flush those to 0, where the reference keeps them.) */
export const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e-30, 3e37, -3e37, 1, -1, 0.5, 88.7, -110];

/** The special values, those beyond maxMagnitude replaced by ±maxMagnitude. */
export function specialValues(maxMagnitude = Infinity): number[] {
  return SPECIAL.map((v) => (Math.abs(v) > maxMagnitude ? Math.sign(v) * maxMagnitude : v));
}
