/** d2l's synthetic regression data: X ~ N(0, 1), y = Xw + b + N(0, noise²). */
import { ResourceLimitError, ValueError } from '../errors.js';
import { makeDataset, type Dataset } from './dataset.js';
import { RandomStream } from '../random.js';
import { integer, seed as checkSeed } from '../validate.js';

export interface SyntheticOptions {
  seed?: number;
  /** Standard deviation of the label noise; d2l uses 0.01. */
  noise?: number;
}

/** n examples of len(w) features and one target each (d2l's synthetic_data). */
export function syntheticData(
  w: ArrayLike<number>, b: number, n: number, options: SyntheticOptions = {},
): Dataset<Float32Array> {
  const { seed = 0, noise = 0.01 } = options;
  checkSeed('syntheticData', seed);
  integer('syntheticData', 'n', n, { min: 0 });
  if (!w || typeof w !== 'object' || typeof w.length !== 'number') throw new ValueError(`syntheticData: w must be an array of weights, got ${typeof w}`);
  if (n * (w.length + 1) > 2 ** 30) throw new ResourceLimitError(`syntheticData: ${n} examples of ${w.length} features are more than 2^30 values`);
  if (w.length === 0) throw new ValueError('syntheticData: w must have at least one weight');
  for (const v of [...Array.from(w), b, noise])
    if (!Number.isFinite(v)) throw new ValueError(`syntheticData: w, b and noise must be finite, got ${v}`);
  const features = w.length;
  const random = new RandomStream(seed);
  const x = random.normalArray(n * features);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let j = 0; j < features; j++) dot += x[i * features + j] * w[j];
    y[i] = dot + b + noise * random.normal();
  }
  return makeDataset(x, y, [features], [1]);
}
