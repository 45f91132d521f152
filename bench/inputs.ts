/** Deterministic inputs for each case, the same for every backend and peer. */
import type { BenchCase } from './cases.js';
import { operandShapes } from './cases.js';
import { RandomStream } from '../bindings/random.js';

export function uniformArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const random = new RandomStream(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * random.uniform();
  return out;
}

export interface MatmulInputs {
  readonly a: Float32Array;
  readonly b: Float32Array;
  readonly aShape: [number, number];
  readonly bShape: [number, number];
}

export interface RowsInputs {
  /** Logits, [rows, cols], uniform in [-4, 4). */
  readonly x: Float32Array;
  /** Class labels in [0, cols). */
  readonly labels: Int32Array;
  /** The labels one-hot, [rows, cols], for peers whose loss takes one-hot targets. */
  readonly onehot: Float32Array;
}

export type CaseInputs = MatmulInputs | RowsInputs;

export function makeInputs(c: BenchCase): CaseInputs {
  if (c.kind === 'matmul') {
    const { a, b } = operandShapes(c);
    return { a: uniformArray(a[0] * a[1], 1), b: uniformArray(b[0] * b[1], 2), aShape: a, bShape: b };
  }
  const random = new RandomStream(3);
  const labels = Int32Array.from({ length: c.rows }, () => random.below(c.cols));
  const onehot = new Float32Array(c.rows * c.cols);
  labels.forEach((label, r) => (onehot[r * c.cols + label] = 1));
  return { x: uniformArray(c.rows * c.cols, 4, -4, 4), labels, onehot };
}
