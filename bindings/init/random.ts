/**
 * A seeded random source for initialisers and dropout seeds: Philox 4x32-10 in counter mode,
 * key = (seed low 32 bits, seed high 32 bits), counter = (block, 0, 0, 0) for block = 0, 1, 2, ...
 * Each block gives four u32 words, used in order. uniform() = word / 2^32; normal() is Box–Muller
 * over two uniforms (u1 = 1 − word/2^32 so the log is finite), returning the cosine branch and
 * then the sine branch.
 */
import { ValueError } from '../errors.js';
import { philox4x32_10 } from '../cpu/philox.js';

/** Returns seed when it is a non-negative safe integer (a Philox key of two u32 words), else throws a ValueError. */
export function checkSeed(where: string, seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)
    throw new ValueError(`${where}: seed must be a non-negative integer, got ${String(seed)}`);
  return seed;
}

export class Random {
  private readonly key: [number, number];
  private block = 0;
  private words: number[] = [];
  private spareNormal: number | null = null;

  constructor(readonly seed: number) {
    checkSeed('Random', seed);
    this.key = [seed >>> 0, Math.floor(seed / 4294967296) >>> 0];
  }

  /** The next u32. */
  nextU32(): number {
    if (this.words.length === 0) this.words = philox4x32_10([this.block++, 0, 0, 0], this.key).reverse();
    return this.words.pop()!;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextU32() / 4294967296;
  }

  /** Standard normal. */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const u1 = 1 - this.uniform(), u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1)), angle = 2 * Math.PI * u2;
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** A fresh seed in [0, 2^53) drawn from this source (for dropout layers, child generators). */
  nextSeed(): number {
    const hi = this.nextU32() & 0x1fffff, lo = this.nextU32();
    return hi * 4294967296 + lo;
  }
}

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
