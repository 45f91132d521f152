// Dropout: element i is kept iff word (i & 3) of Philox(counter (i >>> 2, offset, 0, 0), key (seedLo, seedHi))
// is >= threshold (unsigned); kept values are x * scale. The backward pass calls it on dy with the same args.
// x[0] is element `first` (a multiple of 4) of the tensor, so that threads can each mask a part of it.
// Four Philox blocks (16 elements) run side by side, one per lane; the rest go block by block.
import { philoxBlock, M0, M1, W0, W1 } from './philox';

// @ts-ignore: decorator
@inline function mulhi(a: v128, m: v128): v128 {
  return i32x4.shuffle(i64x2.extmul_low_i32x4_u(a, m), i64x2.extmul_high_i32x4_u(a, m), 1, 3, 5, 7);
}

// @ts-ignore: decorator
@inline function keepScaled(x: usize, out: usize, words: v128, threshold: v128, scale: v128): void {
  v128.store(out, v128.and(f32x4.mul(v128.load(x), scale), i32x4.ge_u(words, threshold)));
}

export function dropout(
  x: usize, out: usize, length: i32, threshold: u32, scale: f32, seedLo: u32, seedHi: u32, offset: u32, first: u32,
): void {
  const base = first >>> 2;
  const thresholdV = i32x4.splat(threshold);
  const scaleV = f32x4.splat(scale);
  const m0 = i32x4.splat(<u32>M0), m1 = i32x4.splat(<u32>M1);
  const groups = length >>> 2;
  let g = 0;
  for (; g + 4 <= groups; g += 4) {
    let c0 = i32x4.add(i32x4.splat(base + <u32>g), i32x4(0, 1, 2, 3));
    let c1 = i32x4.splat(offset);
    let c2 = i32x4.splat(0);
    let c3 = i32x4.splat(0);
    let k0 = seedLo, k1 = seedHi;
    for (let round = 0; round < 10; round++) {
      if (round > 0) {
        k0 += W0;
        k1 += W1;
      }
      const hi0 = mulhi(c0, m0), lo0 = i32x4.mul(c0, m0);
      const hi1 = mulhi(c2, m1), lo1 = i32x4.mul(c2, m1);
      c0 = v128.xor(v128.xor(hi1, c1), i32x4.splat(k0));
      c2 = v128.xor(v128.xor(hi0, c3), i32x4.splat(k1));
      c1 = lo1;
      c3 = lo0;
    }
    // Lane b of word w belongs to element 4·(g + b) + w: transpose to get each block's 4 words.
    const t0 = i32x4.shuffle(c0, c1, 0, 4, 1, 5);
    const t1 = i32x4.shuffle(c0, c1, 2, 6, 3, 7);
    const t2 = i32x4.shuffle(c2, c3, 0, 4, 1, 5);
    const t3 = i32x4.shuffle(c2, c3, 2, 6, 3, 7);
    const at = <usize>g << 4;
    keepScaled(x + at, out + at, i32x4.shuffle(t0, t2, 0, 1, 4, 5), thresholdV, scaleV);
    keepScaled(x + at + 16, out + at + 16, i32x4.shuffle(t0, t2, 2, 3, 6, 7), thresholdV, scaleV);
    keepScaled(x + at + 32, out + at + 32, i32x4.shuffle(t1, t3, 0, 1, 4, 5), thresholdV, scaleV);
    keepScaled(x + at + 48, out + at + 48, i32x4.shuffle(t1, t3, 2, 3, 6, 7), thresholdV, scaleV);
  }
  for (; g < groups; g++) {
    const at = <usize>g << 4;
    keepScaled(x + at, out + at, philoxBlock(base + <u32>g, offset, 0, 0, seedLo, seedHi), thresholdV, scaleV);
  }
  const rest = length & 3;
  if (rest) {
    const words = philoxBlock(base + <u32>groups, offset, 0, 0, seedLo, seedHi);
    const tail = <usize>groups << 4;
    for (let j = 0; j < rest; j++) {
      let word: u32 = i32x4.extract_lane(words, 0);
      if (j == 1) word = i32x4.extract_lane(words, 1);
      else if (j == 2) word = i32x4.extract_lane(words, 2);
      const at = tail + (<usize>j << 2);
      store<f32>(out + at, word >= threshold ? load<f32>(x + at) * scale : 0);
    }
  }
}
