/**
 * The bench's own seeded generator (mulberry32): fast enough for inputs of 65 million values, and
 * independent of webgrad's internals, so the inputs stay the same whatever the library changes.
 */
export class BenchRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (seed * 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1), 32 random bits. */
  uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}
