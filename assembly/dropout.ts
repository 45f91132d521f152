// Dropout: element i is kept iff word (i & 3) of Philox(counter (i >>> 2, offset, 0, 0), key (seedLo, seedHi))
// is >= threshold (unsigned); kept values are x * scale. The backward pass calls it on dy with the same args.
import { philoxBlock } from './philox';

export function dropout(x: usize, out: usize, length: i32, threshold: u32, scale: f32, seedLo: u32, seedHi: u32, offset: u32): void {
  const thresholdV = i32x4.splat(threshold);
  const scaleV = f32x4.splat(scale);
  const groups = length >>> 2;
  for (let g = 0; g < groups; g++) {
    const words = philoxBlock(<u32>g, offset, 0, 0, seedLo, seedHi);
    const keep = i32x4.ge_u(words, thresholdV);
    const at = <usize>g << 4;
    v128.store(out + at, v128.and(f32x4.mul(v128.load(x + at), scaleV), keep));
  }
  const rest = length & 3;
  if (rest) {
    const words = philoxBlock(<u32>groups, offset, 0, 0, seedLo, seedHi);
    const base = <usize>groups << 4;
    for (let j = 0; j < rest; j++) {
      let word: u32 = i32x4.extract_lane(words, 0);
      if (j == 1) word = i32x4.extract_lane(words, 1);
      else if (j == 2) word = i32x4.extract_lane(words, 2);
      const at = base + (<usize>j << 2);
      store<f32>(out + at, word >= threshold ? load<f32>(x + at) * scale : 0);
    }
  }
}
