/** Measured results: one record per (case, subject), as printed and as written with --json. */
import type { BenchCase } from './cases.js';
import { shapeText } from './cases.js';
import { median } from './timing.js';

/** One mode's figures. */
export interface Figures {
  /** Median over the suite runs of each run's median time per operation. */
  readonly medianMs: number;
  readonly runMedianMs: number[];
  /** Matmul and training-step cases: matmul flops per second, in billions. */
  readonly gflops: number | null;
  /** Softmax and cross-entropy: bytes of logits read and results written per second, in billions. */
  readonly gbps: number | null;
}

export interface BenchRecord {
  readonly kernel: BenchCase['kind'];
  readonly case: string;
  readonly label: string;
  readonly shape: string;
  readonly dims: Record<string, number | boolean>;
  /** "webgrad wasm 1thr", "tfjs-wasm", "jax-js wasm", "ort-web 2thr", ... */
  readonly subject: string;
  readonly webgrad: boolean;
  readonly threads: number | null;
  /** The headline, "with read": the operation and its result read into a JS typed array; null when not measured. */
  readonly medianMs: number | null;
  readonly runMedianMs: number[];
  readonly gflops: number | null;
  readonly gbps: number | null;
  /** "Kernel only": the operation without the read; null when not measured (kernelOnlyNote says why). */
  readonly kernelOnly: Figures | null;
  readonly kernelOnlyNote: string | null;
  /** "ok", a mismatch against the f64 reference, or why it was skipped or failed. */
  readonly check: string;
  readonly skipped: string | null;
}

export function caseDims(c: BenchCase): Record<string, number | boolean> {
  if (c.kind === 'matmul') return { m: c.m, n: c.n, k: c.k, transA: c.transA, transB: c.transB };
  if (c.kind === 'mlpStep') return { batch: c.batch, inputs: c.inputs, hidden: c.hidden, classes: c.classes };
  return { rows: c.rows, cols: c.cols };
}

/** The figures of a list of run medians, or null when there are none. */
export function figures(c: BenchCase, runMedianMs: number[]): Figures | null {
  if (runMedianMs.length === 0) return null;
  const ms = median(runMedianMs);
  const perSecond = (amount: number) => amount / (ms * 1e-3) / 1e9;
  return {
    medianMs: ms, runMedianMs,
    gflops: c.kind === 'matmul' || c.kind === 'mlpStep' ? perSecond(c.flops) : null,
    gbps: c.kind === 'matmul' || c.kind === 'mlpStep' ? null : perSecond(c.bytes),
  };
}

export interface RecordInput {
  readonly subject: string;
  readonly webgrad: boolean;
  readonly threads: number | null;
  readonly readMs: number[];
  readonly kernelMs: number[];
  readonly kernelNote: string | null;
  readonly check: string;
  readonly skipped: string | null;
}

export function makeRecord(c: BenchCase, input: RecordInput): BenchRecord {
  const read = figures(c, input.readMs);
  return {
    kernel: c.kind, case: c.id, label: c.label, shape: shapeText(c), dims: caseDims(c),
    subject: input.subject, webgrad: input.webgrad, threads: input.threads,
    medianMs: read?.medianMs ?? null, runMedianMs: input.readMs, gflops: read?.gflops ?? null, gbps: read?.gbps ?? null,
    kernelOnly: figures(c, input.kernelMs), kernelOnlyNote: input.kernelNote,
    check: input.check, skipped: input.skipped,
  };
}
