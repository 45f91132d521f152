/**
 * The one seeded random source: Philox 4x32-10 (the generator dropout uses) in counter mode, so the
 * same seed gives the same numbers in every runtime. Key = (seed low 32 bits, seed high 32 bits);
 * block b is counter (b, stream, family, 0) and gives four u32 words, used in order.
 * Streams (and families) are independent: a shuffle for epoch 3 does not depend on whether
 * epochs 0-2 were drawn.
 */
import { ValueError } from './errors.js';
import { seed as checkSeed } from './validate.js';
import { philox4x32_10 } from './cpu/philox.js';


export interface RandomOptions {
  /** Selects one of 2^32 independent sequences under one seed (counter word 1). */
  stream?: number;
  /** Separates users of one seed (counter word 2): initialisers use 0, data streams DATA_FAMILY. */
  family?: number;
  /** Random bits in each uniform(): 32 (one word) or 53 (two words, a double's full precision). */
  uniformBits?: 32 | 53;
}

/** The counter family of data streams (shuffles, synthetic data). */
export const DATA_FAMILY = 0x5eed;

export class Random {
  private readonly key: [number, number];
  private readonly stream: number;
  private readonly family: number;
  private readonly uniformBits: 32 | 53;
  private counter = 0;
  private block: [number, number, number, number] = [0, 0, 0, 0];
  private used = 4;
  private spareNormal: number | null = null;

  constructor(readonly seed: number, { stream = 0, family = 0, uniformBits = 32 }: RandomOptions = {}) {
    checkSeed(new.target.name, seed);
    if (uniformBits !== 32 && uniformBits !== 53)
      throw new ValueError(`${new.target.name}: uniformBits must be 32 or 53, got ${String(uniformBits)}`);
    this.key = [seed >>> 0, Math.floor(seed / 4294967296) >>> 0];
    this.stream = stream >>> 0;
    this.family = family >>> 0;
    this.uniformBits = uniformBits;
  }

  /** The next u32. */
  nextU32(): number {
    if (this.used === 4) {
      this.block = philox4x32_10([this.counter, this.stream, this.family, 0], this.key);
      this.counter = (this.counter + 1) >>> 0;
      this.used = 0;
    }
    return this.block[this.used++];
  }

  /** Uniform in [0, 1) with uniformBits random bits. */
  uniform(): number {
    if (this.uniformBits === 32) return this.nextU32() / 4294967296;
    const hi = this.nextU32() >>> 5, lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), without modulo bias. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 4294967296) throw new ValueError(`below: n must be in [1, 2^32], got ${n}`);
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const u = this.nextU32();
      if (u < limit) return u % n;
    }
  }

  /** Standard normal: Box–Muller over two uniforms (u1 = 1 − uniform() so the log is finite), cosine branch then sine branch. */
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

  /** n normal samples with the given mean and standard deviation, as f32. */
  normalArray(n: number, mean = 0, std = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = mean + std * this.normal();
    return out;
  }

  /** A uniformly random permutation of 0 … n-1 (Fisher-Yates). */
  permutation(n: number): Uint32Array {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** A fresh seed in [0, 2^53) drawn from this source (for dropout layers, child generators). */
  nextSeed(): number {
    const hi = this.nextU32() & 0x1fffff, lo = this.nextU32();
    return hi * 4294967296 + lo;
  }
}

/** A Random in the data family with 53-bit uniforms: new RandomStream(seed, stream). */
export class RandomStream extends Random {
  constructor(seed: number, stream = 0) {
    super(seed, { stream, family: DATA_FAMILY, uniformBits: 53 });
  }
}
