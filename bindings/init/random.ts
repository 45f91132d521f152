/** The default random source used when no seed or Random is given (like torch's global generator). */
import { Random } from '../random.js';

let defaultRandom = new Random(0);

/** Reseeds the random source used when no seed or Random is given (like torch.manual_seed). */
export function manualSeed(seed: number): void {
  defaultRandom = new Random(seed);
}

/** The random source used when no seed or Random is given; seeded with 0 until manualSeed(). */
export function defaultRandomSource(): Random {
  return defaultRandom;
}

/** A Random for an option that may be a seed, a Random, or absent (the default source). */
export function randomFrom(source: number | Random | undefined): Random {
  if (source === undefined) return defaultRandom;
  return source instanceof Random ? source : new Random(source);
}
