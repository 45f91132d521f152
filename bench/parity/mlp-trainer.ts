/** One epoch of the d2l MLP (784→256→10, ReLU, SGD lr 0.1, batch 256) in some framework. */
import type { HostBatch } from '../../bindings/data/dataloader.js';

/** Initial parameters in PyTorch's layout: weights [out, in]. */
export interface MlpWeights {
  readonly w1: Float32Array; // [256, 784]
  readonly b1: Float32Array; // [256]
  readonly w2: Float32Array; // [10, 256]
  readonly b2: Float32Array; // [10]
}

export const MLP = { inputs: 784, hidden: 256, classes: 10, lr: 0.1, batchSize: 256 } as const;

export interface EpochResult {
  readonly seconds: number;
  /** Mean training loss over the epoch's examples: the same number in every framework when they agree. */
  readonly meanLoss: number;
}

export interface MlpTrainer {
  readonly name: string;
  readonly detail: string;
  /** Trains one epoch from `weights` over `batches` (host arrays, in order); timed inside. */
  epoch(weights: MlpWeights, batches: readonly HostBatch<Uint8Array>[]): Promise<EpochResult>;
}

/** The batches' examples joined in visiting order: x [n, inputs] and the labels [n]. */
export function concatBatches(batches: readonly HostBatch<Uint8Array>[]): { x: Float32Array; y: Uint8Array } {
  const n = batches.reduce((s, b) => s + b.size, 0);
  const x = new Float32Array(n * MLP.inputs), y = new Uint8Array(n);
  let at = 0;
  for (const b of batches) {
    x.set(b.x, at * MLP.inputs);
    y.set(b.y, at);
    at += b.size;
  }
  return { x, y };
}

/** [rows, cols] → [cols, rows]. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}

export function oneHot(labels: ArrayLike<number>, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] = 1;
  return out;
}
