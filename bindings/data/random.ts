/**
 * A seeded random stream on Philox 4x32-10 (the generator dropout uses), so the same
 * (seed, stream) gives the same numbers in every runtime. Streams are independent:
 * a shuffle for epoch 3 does not depend on whether epochs 0-2 were drawn.
 */
import { philox4x32_10 } from '../cpu/philox.js';
import { ValueError } from '../errors.js';

export function checkSeed(where: string, seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)
    throw new ValueError(`${where}: seed must be a non-negative integer, got ${String(seed)}`);
  return seed;
}

export class RandomStream {
  private readonly key: [number, number];
  private counter = 0;
  private block: [number, number, number, number] = [0, 0, 0, 0];
  private used = 4;
  private spareNormal: number | null = null;

  /** `stream` selects one of 2^32 independent sequences under one seed. */
  constructor(seed: number, private readonly stream = 0) {
    checkSeed('RandomStream', seed);
    this.key = [seed >>> 0, Math.floor(seed / 4294967296) >>> 0];
  }

  /** The next uniform u32. */
  nextU32(): number {
    if (this.used === 4) {
      this.block = philox4x32_10([this.counter, this.stream >>> 0, 0x5eed, 0], this.key);
      this.counter = (this.counter + 1) >>> 0;
      this.used = 0;
    }
    return this.block[this.used++];
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
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

  /** Standard normal (Box-Muller, both values used). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
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
}
