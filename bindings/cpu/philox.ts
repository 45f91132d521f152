/**
 * Philox 4x32-10 (Salmon et al., "Parallel Random Numbers: As Easy as 1, 2, 3"), the counter-based
 * generator behind dropout. Every backend derives element i's word from
 * counter (i >>> 2, offset, 0, 0) and key (seedLo, seedHi), taking word i & 3.
 */
const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two u32. */
export function mulhi32(a: number, b: number): number {
  const ah = a >>> 16, al = a & 0xffff, bh = b >>> 16, bl = b & 0xffff;
  const lowLow = al * bl, mid1 = ah * bl, mid2 = al * bh;
  const carry = (lowLow >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff);
  return (ah * bh + (mid1 >>> 16) + (mid2 >>> 16) + (carry >>> 16)) >>> 0;
}

export function philox4x32_10(counter: readonly number[], key: readonly number[]): [number, number, number, number] {
  let [c0, c1, c2, c3] = counter.map((v) => v >>> 0);
  let k0 = key[0] >>> 0, k1 = key[1] >>> 0;
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulhi32(M0, c0), lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi32(M1, c2), lo1 = Math.imul(M1, c2) >>> 0;
    [c0, c1, c2, c3] = [(hi1 ^ c1 ^ k0) >>> 0, lo1, (hi0 ^ c3 ^ k1) >>> 0, lo0];
  }
  return [c0, c1, c2, c3];
}

/** The Philox word that decides whether element `index` is kept. */
export function dropoutWord(index: number, seedLo: number, seedHi: number, offset: number): number {
  return philox4x32_10([Math.floor(index / 4), offset, 0, 0], [seedLo, seedHi])[index & 3];
}
