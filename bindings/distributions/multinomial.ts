/** torch.multinomial: category indices drawn from rows of probabilities. */
import { ValueError } from '../errors.js';
import type { Random } from '../random.js';
import { tensor, type Tensor } from '../tensor.js';
import { boolean, integer, options as checkOptions } from '../validate.js';
import { checkWeightRows, cumulative, drawFromCumulative, drawWithoutReplacement, positiveCount } from './categorical.js';
import { generatorFrom, hostProbs } from './host-probs.js';

export interface MultinomialOptions {
  /** Draw with replacement (default false: each category at most once per row). */
  replacement?: boolean;
  /** The source to draw from: a Random, or a seed for a fresh one; default the source manualSeed() seeds. */
  generator?: Random | number;
}

/**
 * Indices of categories drawn from `probs` (a 1-D tensor of k weights, or a 2-D tensor whose rows are
 * drawn from independently), as torch.multinomial: shape [numSamples] or [rows, numSamples]. The
 * weights need not sum to 1 but must be finite and non-negative with a positive sum. Without
 * replacement numSamples may not exceed the number of categories with a positive weight.
 * The indices are integers held as f32, on probs' backend (read synchronously: cpu or wasm).
 *
 * @example
 * manualSeed(0);
 * multinomial(tensor([0.1, 0.2, 0.7]), 5, { replacement: true });   // e.g. tensor([2., 2., 1., 2., 0.])
 */
export function multinomial(probs: Tensor, numSamples: number, options?: MultinomialOptions): Tensor {
  const fn = 'multinomial';
  const { replacement = false, generator } = checkOptions(fn, options, ['replacement', 'generator']);
  boolean(fn, 'replacement', replacement);
  const { values, shape, backend } = hostProbs(fn, probs, { minRank: 1, maxRank: 2 });
  integer(fn, 'numSamples', numSamples, { min: 1 });
  const categories = shape[shape.length - 1], rows = shape.length === 2 ? shape[0] : 1;
  checkWeightRows(fn, 'probs', values, categories);
  if (!replacement) {
    if (numSamples > categories)
      throw new ValueError(`${fn}: cannot draw ${numSamples} samples from ${categories} categories without replacement`);
    for (let r = 0; r < rows; r++) {
      const positive = positiveCount(values, r * categories, categories);
      if (positive < numSamples)
        throw new ValueError(`${fn}: ${rows > 1 ? `row ${r} of probs` : 'probs'} has ${positive} categories with a positive probability, too few for ${numSamples} samples without replacement`);
    }
  }
  const random = generatorFrom(fn, generator);
  const out = new Float32Array(rows * numSamples);
  for (let r = 0; r < rows; r++) {
    if (replacement) {
      const cdf = cumulative(values, r * categories, categories);
      for (let i = 0; i < numSamples; i++) out[r * numSamples + i] = drawFromCumulative(cdf, random);
    } else {
      out.set(drawWithoutReplacement(values, r * categories, categories, numSamples, random), r * numSamples);
    }
  }
  return tensor(out, shape.length === 2 ? [rows, numSamples] : [numSamples], { backend });
}
