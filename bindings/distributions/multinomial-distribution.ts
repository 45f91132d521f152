/** torch.distributions.Multinomial: counts of totalCount draws from k categories. */
import type { Backend } from '../backend.js';
import { checkShape, shapeSize } from '../shape.js';
import { tensor, type Tensor } from '../tensor.js';
import { integer, options as checkOptions } from '../validate.js';
import type { Random } from '../random.js';
import { checkWeightRows, cumulative, drawFromCumulative } from './categorical.js';
import { generatorFrom, hostProbs } from './host-probs.js';

export interface SampleOptions {
  /** The source to draw from: a Random, or a seed for a fresh one; default the source manualSeed() seeds. */
  generator?: Random | number;
}

/**
 * The multinomial distribution of totalCount independent draws from k categories, as
 * torch.distributions.Multinomial(total_count, probs). probs (a tensor or nested arrays, last axis the
 * k categories, leading axes a batch) holds non-negative weights with a positive sum per row; they are
 * normalised to sum to 1. Sampling happens on the host; samples are tensors on probs' backend.
 *
 * @example
 * const fairProbs = ones([6]).div(6);
 * new Multinomial(1, fairProbs).sample();            // one die roll, e.g. tensor([0., 0., 1., 0., 0., 0.])
 * new Multinomial(1000, fairProbs).sample().div(1000);   // relative frequencies near 1/6
 */
export class Multinomial {
  readonly totalCount: number;
  /** The leading axes of probs: independent distributions. */
  readonly batchShape: readonly number[];
  /** [k]: one count per category. */
  readonly eventShape: readonly number[];
  private readonly normalised: Float32Array;
  private readonly backend: Backend;

  constructor(totalCount: number, probs: Tensor | readonly unknown[]) {
    const fn = 'Multinomial';
    this.totalCount = integer(fn, 'totalCount', totalCount, { min: 0 });
    const { values, shape, backend } = hostProbs(fn, probs, { minRank: 1, maxRank: Infinity });
    const k = shape[shape.length - 1];
    checkWeightRows(fn, 'probs', values, k);
    this.normalised = new Float32Array(values.length);
    for (let start = 0; start < values.length; start += k) {
      const total = cumulative(values, start, k)[k - 1];
      for (let c = 0; c < k; c++) this.normalised[start + c] = values[start + c] / total;
    }
    this.batchShape = Object.freeze(shape.slice(0, -1));
    this.eventShape = Object.freeze([k]);
    this.backend = backend;
  }

  /** The normalised probabilities, shape [...batchShape, k] (a new tensor each time). */
  get probs(): Tensor {
    return this.made(Float32Array.from(this.normalised), []);
  }

  /** totalCount · probs. */
  get mean(): Tensor {
    return this.made(this.normalised.map((p) => this.totalCount * p), []);
  }

  /** totalCount · probs · (1 − probs). */
  get variance(): Tensor {
    return this.made(this.normalised.map((p) => this.totalCount * p * (1 - p)), []);
  }

  /**
   * Counts per category of totalCount draws, shape [...sampleShape, ...batchShape, k]; each row sums
   * to totalCount. Draws from the default random source (manualSeed) unless a generator is given.
   */
  sample(sampleShape: readonly number[] = [], options?: SampleOptions): Tensor {
    const fn = 'Multinomial.sample';
    checkShape(sampleShape, fn);
    const random = generatorFrom(fn, checkOptions(fn, options, ['generator']).generator);
    const k = this.eventShape[0], rows = this.normalised.length / k, samples = shapeSize(sampleShape);
    const cdfs = Array.from({ length: rows }, (_, r) => cumulative(this.normalised, r * k, k));
    const counts = new Float32Array(samples * rows * k);
    for (let s = 0; s < samples; s++)
      for (let r = 0; r < rows; r++) {
        const start = (s * rows + r) * k;
        for (let i = 0; i < this.totalCount; i++) counts[start + drawFromCumulative(cdfs[r], random)]++;
      }
    return this.made(counts, sampleShape);
  }

  private made(values: Float32Array, sampleShape: readonly number[]): Tensor {
    return tensor(values, [...sampleShape, ...this.batchShape, ...this.eventShape], { backend: this.backend });
  }
}
