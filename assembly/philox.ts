// Philox 4x32-10 (Salmon et al. 2011), bit-identical to bindings/cpu/philox.ts.

export const M0: u64 = 0xd2511f53;
export const M1: u64 = 0xcd9e8d57;
export const W0: u32 = 0x9e3779b9;
export const W1: u32 = 0xbb67ae85;

/** The four output words of Philox 4x32-10 for counter (c0..c3) and key (k0, k1), as a v128. */
@inline export function philoxBlock(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32): v128 {
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += W0;
      k1 += W1;
    }
    const p0 = M0 * <u64>c0;
    const p1 = M1 * <u64>c2;
    const n0 = <u32>(p1 >>> 32) ^ c1 ^ k0;
    const n2 = <u32>(p0 >>> 32) ^ c3 ^ k1;
    c1 = <u32>p1;
    c3 = <u32>p0;
    c0 = n0;
    c2 = n2;
  }
  let v = i32x4.splat(c0);
  v = i32x4.replace_lane(v, 1, c1);
  v = i32x4.replace_lane(v, 2, c2);
  v = i32x4.replace_lane(v, 3, c3);
  return v;
}

/** Raw generator entry: writes the 4 words for one counter and key to out (16 bytes). */
export function philox4x32_10(out: usize, c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32): void {
  v128.store(out, philoxBlock(c0, c1, c2, c3, k0, k1));
}
