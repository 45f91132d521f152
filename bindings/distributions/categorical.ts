/**
 * Drawing category indices on the host from rows of non-negative weights: the checks torch.multinomial
 * makes, and draws with and without replacement from one Random.
 */
import { ValueError } from '../errors.js';
import type { Random } from '../random.js';

/**
 * Checks that every row of `weights` (rows of `categories` values) is finite, non-negative and has a
 * positive sum; throws ValueError naming fn, the argument and the first bad row or value.
 */
export function checkWeightRows(fn: string, argument: string, weights: ArrayLike<number>, categories: number): void {
  const rows = weights.length / categories;
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (let c = 0; c < categories; c++) {
      const w = weights[r * categories + c];
      if (!Number.isFinite(w) || w < 0) {
        const where = rows > 1 ? `[${r}, ${c}]` : `[${c}]`;
        throw new ValueError(`${fn}: ${argument} must be finite and non-negative, got ${w} at ${where}`);
      }
      total += w;
    }
    if (!(total > 0)) {
      const which = rows > 1 ? `row ${r} of ${argument}` : argument;
      throw new ValueError(`${fn}: ${which} sums to 0: at least one probability must be positive`);
    }
  }
}

/** Cumulative sums of one row, in f64. */
export function cumulative(weights: ArrayLike<number>, start: number, categories: number): Float64Array {
  const cdf = new Float64Array(categories);
  let total = 0;
  for (let c = 0; c < categories; c++) cdf[c] = total += weights[start + c];
  return cdf;
}

/** One index drawn with probability weight / total from a row's cumulative sums (a zero weight is never drawn). */
export function drawFromCumulative(cdf: Float64Array, random: Random): number {
  const total = cdf[cdf.length - 1];
  const u = random.uniform() * total;
  let lo = 0, hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  // u * total can round up to total: step back to the last category with a positive weight.
  while (lo > 0 && cdf[lo] === cdf[lo - 1]) lo--;
  return lo;
}

/** count indices drawn without replacement from one row: each draw among the categories not drawn yet. */
export function drawWithoutReplacement(weights: ArrayLike<number>, start: number, categories: number, count: number, random: Random): number[] {
  const left = Float64Array.from({ length: categories }, (_, c) => weights[start + c]);
  const drawn: number[] = [];
  for (let i = 0; i < count; i++) {
    const index = drawFromCumulative(cumulative(left, 0, categories), random);
    drawn.push(index);
    left[index] = 0;
  }
  return drawn;
}

/** How many categories of a row have a positive weight. */
export function positiveCount(weights: ArrayLike<number>, start: number, categories: number): number {
  let n = 0;
  for (let c = 0; c < categories; c++) if (weights[start + c] > 0) n++;
  return n;
}
