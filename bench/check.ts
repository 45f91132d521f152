/**
 * Checks a subject's result against an f64 reference computed here on sampled entries, so a
 * peer (or a backend) that computes something else is caught before its time is reported.
 */
import type { BenchCase, MatmulCase, MlpStepCase, RowsCase } from './cases.js';
import type { CaseInputs, MatmulInputs, MlpStepInputs, RowsInputs } from './inputs.js';
import { BenchRandom } from './random.js';

export type CaseOutput =
  | { readonly kind: 'matmul'; readonly c: Float32Array }
  | { readonly kind: 'softmax'; readonly y: Float32Array }
  /** Mean loss over the batch and its gradient with respect to the logits, (softmax − onehot) / rows. */
  | { readonly kind: 'crossEntropy'; readonly meanLoss: number; readonly grad: Float32Array }
  /** The loss of the first training step (from the initial parameters). */
  | { readonly kind: 'mlpStep'; readonly loss: number };

export interface CheckResult {
  readonly ok: boolean;
  /** Largest error over the sampled entries, relative to the allowed bound (ok when ≤ 1). */
  readonly worst: number;
  readonly text: string;
}

const SAMPLES = 64;

function sampleIndices(count: number, limit: number, seed: number): number[] {
  const random = new BenchRandom(seed);
  return Array.from({ length: Math.min(count, limit) }, () => random.below(limit));
}

function checkMatmul(c: MatmulCase, inputs: MatmulInputs, out: Float32Array): number {
  if (out.length !== c.m * c.n) return Infinity;
  let worst = 0;
  for (const idx of sampleIndices(SAMPLES, c.m * c.n, 11)) {
    const i = Math.floor(idx / c.n);
    const j = idx % c.n;
    let exact = 0;
    let magnitude = 0;
    for (let p = 0; p < c.k; p++) {
      const a = c.transA ? inputs.a[p * c.m + i] : inputs.a[i * c.k + p];
      const b = c.transB ? inputs.b[j * c.k + p] : inputs.b[p * c.n + j];
      exact += a * b;
      magnitude += Math.abs(a * b);
    }
    worst = Math.max(worst, Math.abs(out[idx] - exact) / (1e-4 * magnitude + 1e-6));
  }
  return worst;
}

function softmaxRow(x: Float32Array, r: number, cols: number): Float64Array {
  let max = -Infinity;
  for (let j = 0; j < cols; j++) max = Math.max(max, x[r * cols + j]);
  const p = new Float64Array(cols);
  let sum = 0;
  for (let j = 0; j < cols; j++) sum += p[j] = Math.exp(x[r * cols + j] - max);
  for (let j = 0; j < cols; j++) p[j] /= sum;
  return p;
}

function meanCrossEntropy(c: RowsCase, inputs: RowsInputs): number {
  let total = 0;
  for (let r = 0; r < c.rows; r++) {
    let max = -Infinity;
    for (let j = 0; j < c.cols; j++) max = Math.max(max, inputs.x[r * c.cols + j]);
    let sum = 0;
    for (let j = 0; j < c.cols; j++) sum += Math.exp(inputs.x[r * c.cols + j] - max);
    total += max + Math.log(sum) - inputs.x[r * c.cols + inputs.labels[r]];
  }
  return total / c.rows;
}

function checkRows(c: RowsCase, inputs: RowsInputs, values: Float32Array, isGrad: boolean): number {
  if (values.length !== c.rows * c.cols) return Infinity;
  let worst = 0;
  for (const r of new Set(sampleIndices(8, c.rows, 13))) {
    const p = softmaxRow(inputs.x, r, c.cols);
    for (let j = 0; j < c.cols; j++) {
      const exact = isGrad ? (p[j] - (j === inputs.labels[r] ? 1 : 0)) / c.rows : p[j];
      const bound = isGrad ? 1e-4 * Math.abs(exact) + 1e-6 / c.rows : 1e-4 * Math.abs(exact) + 1e-6;
      worst = Math.max(worst, Math.abs(values[r * c.cols + j] - exact) / bound);
    }
  }
  return worst;
}

/** The MLP's mean cross-entropy on the batch at the initial parameters, in f64. */
function mlpLoss(c: MlpStepCase, p: MlpStepInputs): number {
  const hidden = new Float64Array(c.hidden);
  const logits = new Float64Array(c.classes);
  let total = 0;
  for (let r = 0; r < c.batch; r++) {
    const x = p.x.subarray(r * c.inputs, (r + 1) * c.inputs);
    for (let j = 0; j < c.hidden; j++) {
      let s = p.b1[j];
      const w = p.w1.subarray(j * c.inputs, (j + 1) * c.inputs);
      for (let i = 0; i < c.inputs; i++) s += x[i] * w[i];
      hidden[j] = Math.max(s, 0);
    }
    let max = -Infinity;
    for (let k = 0; k < c.classes; k++) {
      let s = p.b2[k];
      for (let j = 0; j < c.hidden; j++) s += hidden[j] * p.w2[k * c.hidden + j];
      max = Math.max(max, (logits[k] = s));
    }
    let sum = 0;
    for (let k = 0; k < c.classes; k++) sum += Math.exp(logits[k] - max);
    total += max + Math.log(sum) - logits[p.labels[r]];
  }
  return total / c.batch;
}

/** f64 references that take a pass over all the inputs, computed once per inputs object (every subject is checked on the same one). */
const exactLosses = new WeakMap<object, number>();

function cachedLoss(inputs: CaseInputs, compute: () => number): number {
  let loss = exactLosses.get(inputs);
  if (loss === undefined) exactLosses.set(inputs, (loss = compute()));
  return loss;
}

export function checkOutput(c: BenchCase, inputs: CaseInputs, out: CaseOutput): CheckResult {
  let worst: number;
  if (c.kind === 'matmul' && out.kind === 'matmul') worst = checkMatmul(c, inputs as MatmulInputs, out.c);
  else if (c.kind === 'softmax' && out.kind === 'softmax') worst = checkRows(c, inputs as RowsInputs, out.y, false);
  else if (c.kind === 'crossEntropy' && out.kind === 'crossEntropy') {
    const exactLoss = cachedLoss(inputs, () => meanCrossEntropy(c, inputs as RowsInputs));
    const lossError = Math.abs(out.meanLoss - exactLoss) / (1e-5 * Math.abs(exactLoss) + 1e-6);
    worst = Math.max(lossError, checkRows(c, inputs as RowsInputs, out.grad, true));
  } else if (c.kind === 'mlpStep' && out.kind === 'mlpStep') {
    const exact = cachedLoss(inputs, () => mlpLoss(c, inputs as MlpStepInputs));
    worst = Math.abs(out.loss - exact) / (1e-4 * Math.abs(exact) + 1e-6);
  } else worst = Infinity;
  const ok = worst <= 1;
  return { ok, worst, text: ok ? 'ok' : `MISMATCH (error ${worst.toPrecision(3)}× the bound)` };
}
