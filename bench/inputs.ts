/** Deterministic inputs for each case, the same for every backend and peer. */
import type { BenchCase } from './cases.js';
import { operandShapes } from './cases.js';

/** mulberry32: a small seeded generator. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniformArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const next = seededRandom(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * next();
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
  const next = seededRandom(3);
  const labels = Int32Array.from({ length: c.rows }, () => Math.floor(next() * c.cols));
  const onehot = new Float32Array(c.rows * c.cols);
  labels.forEach((label, r) => (onehot[r * c.cols + label] = 1));
  return { x: uniformArray(c.rows * c.cols, 4, -4, 4), labels, onehot };
}
