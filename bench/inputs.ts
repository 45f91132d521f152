/** Deterministic inputs for each case, the same for every backend and peer. */
import type { BenchCase, MlpStepCase } from './cases.js';
import { operandShapes } from './cases.js';
import { BenchRandom } from './random.js';

export function uniformArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const random = new BenchRandom(seed);
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

/** One batch and the initial parameters, weights in PyTorch's layout [out, in]. */
export interface MlpStepInputs {
  /** [batch, inputs], uniform in [0, 1) like scaled pixels. */
  readonly x: Float32Array;
  readonly labels: Int32Array;
  readonly onehot: Float32Array;
  /** [hidden, inputs], U(±1/√inputs) as torch.nn.Linear. */
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  /** [classes, hidden], U(±1/√hidden). */
  readonly w2: Float32Array;
  readonly b2: Float32Array;
}

export type CaseInputs = MatmulInputs | RowsInputs | MlpStepInputs;

function labelsAndOnehot(rows: number, classes: number): { labels: Int32Array; onehot: Float32Array } {
  const random = new BenchRandom(3);
  const labels = Int32Array.from({ length: rows }, () => random.below(classes));
  const onehot = new Float32Array(rows * classes);
  labels.forEach((label, r) => (onehot[r * classes + label] = 1));
  return { labels, onehot };
}

function mlpStepInputs(c: MlpStepCase): MlpStepInputs {
  const bound1 = 1 / Math.sqrt(c.inputs);
  const bound2 = 1 / Math.sqrt(c.hidden);
  return {
    x: uniformArray(c.batch * c.inputs, 5, 0, 1),
    ...labelsAndOnehot(c.batch, c.classes),
    w1: uniformArray(c.hidden * c.inputs, 6, -bound1, bound1),
    b1: uniformArray(c.hidden, 7, -bound1, bound1),
    w2: uniformArray(c.classes * c.hidden, 8, -bound2, bound2),
    b2: uniformArray(c.classes, 9, -bound2, bound2),
  };
}

export function makeInputs(c: BenchCase): CaseInputs {
  if (c.kind === 'matmul') {
    const { a, b } = operandShapes(c);
    return { a: uniformArray(a[0] * a[1], 1), b: uniformArray(b[0] * b[1], 2), aShape: a, bShape: b };
  }
  if (c.kind === 'mlpStep') return mlpStepInputs(c);
  return { x: uniformArray(c.rows * c.cols, 4, -4, 4), ...labelsAndOnehot(c.rows, c.cols) };
}

/** [rows, cols] → [cols, rows], for libraries whose dense layers take W as [in, out]. */
export function transposed(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}
