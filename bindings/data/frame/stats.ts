/** Column statistics with pandas' conventions: missing entries (NaN) are skipped. */
import { ValueError } from '../../errors.js';

/** The mean of the non-missing values; NaN when there are none. */
export function meanOf(values: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/** The standard deviation with `ddof` delta degrees of freedom (pandas' default 1); NaN with too few values. */
export function stdOf(values: readonly number[], ddof: number): number {
  const mean = meanOf(values);
  let squares = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    squares += (v - mean) * (v - mean);
    count++;
  }
  return count - ddof <= 0 ? NaN : Math.sqrt(squares / (count - ddof));
}

/** `ddof`, checked to be a non-negative integer. */
export function checkDdof(where: string, ddof: unknown): number {
  if (typeof ddof !== 'number' || !Number.isInteger(ddof) || ddof < 0)
    throw new ValueError(`${where}: ddof must be a non-negative integer, got ${String(ddof)}`);
  return ddof;
}
