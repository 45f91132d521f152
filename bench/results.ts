/** Measured results: one record per (case, subject), as printed and as written with --json. */
import type { BenchCase } from './cases.js';
import { shapeText } from './cases.js';
import { median } from './timing.js';

export interface BenchRecord {
  readonly kernel: BenchCase['kind'];
  readonly case: string;
  readonly label: string;
  readonly shape: string;
  readonly dims: Record<string, number | boolean>;
  /** "webgrad wasm", "tfjs-wasm", "jax-js wasm", ... */
  readonly subject: string;
  readonly webgrad: boolean;
  /** Median over the suite runs of each run's median time per operation; null when skipped. */
  readonly medianMs: number | null;
  readonly runMedianMs: number[];
  readonly gflops: number | null;
  readonly gbps: number | null;
  /** "ok", a mismatch against the f64 reference, or why it was skipped or failed. */
  readonly check: string;
  readonly skipped: string | null;
}

export function caseDims(c: BenchCase): Record<string, number | boolean> {
  return c.kind === 'matmul'
    ? { m: c.m, n: c.n, k: c.k, transA: c.transA, transB: c.transB }
    : { rows: c.rows, cols: c.cols };
}

export function makeRecord(
  c: BenchCase, subject: string, webgrad: boolean, runMedianMs: number[], check: string, skipped: string | null,
): BenchRecord {
  const ms = runMedianMs.length ? median(runMedianMs) : null;
  const perSecond = (amount: number) => (ms === null ? null : amount / (ms * 1e-3) / 1e9);
  return {
    kernel: c.kind, case: c.id, label: c.label, shape: shapeText(c), dims: caseDims(c), subject, webgrad,
    medianMs: ms, runMedianMs,
    gflops: c.kind === 'matmul' ? perSecond(c.flops) : null,
    gbps: c.kind === 'matmul' ? null : perSecond(c.bytes),
    check, skipped,
  };
}
