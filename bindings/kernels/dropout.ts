/** Dropout with a counter-based mask: the same (seed, offset) gives the same mask on every backend. */
import type { DropoutArgs } from '../backend.js';
import { callFused } from '../fused/index.js';
import type { Tensor } from '../tensor.js';
import { dropoutP, integer, options as checkOptions, seed as checkSeed } from '../validate.js';
import { launch, tensorArguments } from './launch.js';

export interface DropoutOptions {
  /** Probability of zeroing an element, in [0, 1). */
  p: number;
  /** Philox key; the same (seed, offset) gives the same mask on every backend. */
  seed: number;
  /** Distinguishes the masks drawn under one seed (Dropout modules count their calls here). */
  offset?: number;
  /** When false, dropout is the identity (evaluation). Default true. */
  training?: boolean;
}

export const DROPOUT_OPTIONS = ['p', 'seed', 'offset', 'training'];

/** Validates dropout options and turns them into the kernel's arguments. */
export function dropoutArgs(fn: string, options: DropoutOptions): DropoutArgs {
  const given = checkOptions(fn, options, DROPOUT_OPTIONS);
  const p = dropoutP(fn, given.p);
  const seed = checkSeed(fn, given.seed);
  const offset = integer(fn, 'offset', given.offset ?? 0, { min: 0, max: 0xffffffff });
  return {
    threshold: Math.min(Math.floor(p * 4294967296), 4294967295),
    scale: Math.fround(1 / (1 - p)),
    seedLo: seed >>> 0,
    seedHi: Math.floor(seed / 4294967296) >>> 0,
    offset,
  };
}

/**
 * Inverted dropout: zeroes each element with probability p and scales the rest by 1 / (1 − p). Its
 * gradient is the same call on dy with the same options (the mask is regenerated, never stored).
 */
export function dropout(x: Tensor, options: DropoutOptions): Tensor {
  const backend = tensorArguments('dropout', { x });
  const args = dropoutArgs('dropout', options);
  return launch(backend, x.shape, (out) => callFused(backend, 'dropout', x.storage, out, x.size, args));
}
