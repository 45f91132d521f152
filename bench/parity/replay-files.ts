/**
 * Writes what another framework needs to replay a webgrad training run exactly: the data set,
 * the initial weights, every epoch's batch order and the recipe (see torch_replay.py).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../bindings/data/dataset.js';
import type { DataLoader } from '../../bindings/data/dataloader.js';
import { encodeBatchOrders } from '../../bindings/train/replay.js';
import { encodeSafetensors } from '../../bindings/train/safetensors.js';
import { encodeWeights } from '../../bindings/train/weights.js';
import type { Tensor } from '../../bindings/tensor.js';

export interface Recipe {
  readonly model: 'softmax' | 'mlp';
  readonly lr: number;
  readonly epochs: number;
  readonly batchSize: number;
}

/**
 * Pixels as the bytes 0–255 they came from: a quarter of the size of f32, and x = byte / 255
 * (correctly rounded to f32) on both sides. Throws if a pixel is not such a value.
 */
export function pixelsToBytes(x: Float32Array): Uint8Array {
  const bytes = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const b = Math.round(x[i] * 255);
    if (Math.fround(b / 255) !== x[i]) throw new Error(`pixel ${i} = ${x[i]} is not a byte / 255`);
    bytes[i] = b;
  }
  return bytes;
}

export function writeDataFile(path: string, train: Dataset<Uint8Array>, test: Dataset<Uint8Array>): void {
  const split = (d: Dataset<Uint8Array>) => ({ shape: [d.length, ...d.exampleShape], data: pixelsToBytes(d.x) });
  writeFileSync(path, encodeSafetensors({
    'train.images': split(train), 'train.labels': { shape: [train.length], data: train.y },
    'test.images': split(test), 'test.labels': { shape: [test.length], data: test.y },
  }));
}

export async function writeRunFiles(
  dir: string, recipe: Recipe, weights: [string, Tensor][], loader: DataLoader,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.safetensors'), await encodeWeights(weights));
  writeFileSync(join(dir, 'order.safetensors'), encodeBatchOrders(loader, recipe.epochs));
  writeFileSync(join(dir, 'recipe.json'), JSON.stringify(recipe) + '\n');
}
