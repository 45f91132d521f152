// Sums and argmax.
import { hsum } from './simd';

/** out[o, i] = sum over l of x[o, l, i], x viewed as [outer, length, inner]. */
export function sum(x: usize, out: usize, outer: i32, length: i32, inner: i32): void {
  if (inner == 1) {
    for (let o = 0; o < outer; o++) store<f32>(out + (<usize>o << 2), rowSum(x + ((<usize>o * <usize>length) << 2), length));
    return;
  }
  const innerBytes = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const dst = out + <usize>o * innerBytes;
    const src = x + <usize>o * <usize>length * innerBytes;
    fillZero(dst, inner);
    for (let l = 0; l < length; l++) addInto(dst, src + <usize>l * innerBytes, inner);
  }
}

function fillZero(dst: usize, n: i32): void {
  memory.fill(dst, 0, <usize>n << 2);
}

/** dst[i] += src[i]. */
function addInto(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(dst + at, f32x4.add(v128.load(dst + at), v128.load(src + at)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dst + at, load<f32>(dst + at) + load<f32>(src + at));
  }
}

function rowSum(x: usize, n: i32): f32 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const at = x + (<usize>i << 2);
    s0 = f32x4.add(s0, v128.load(at));
    s1 = f32x4.add(s1, v128.load(at, 16));
  }
  if (i + 4 <= n) {
    s0 = f32x4.add(s0, v128.load(x + (<usize>i << 2)));
    i += 4;
  }
  let total = hsum(f32x4.add(s0, s1));
  for (; i < n; i++) total += load<f32>(x + (<usize>i << 2));
  return total;
}

/** out[r] = index of the first maximum of x[r, :], as f32. */
export function argmax(x: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = x + ((<usize>r * <usize>cols) << 2);
    let best = 0;
    let bestValue = load<f32>(row);
    for (let c = 1; c < cols; c++) {
      const v = load<f32>(row + (<usize>c << 2));
      if (v > bestValue) {
        best = c;
        bestValue = v;
      }
    }
    store<f32>(out + (<usize>r << 2), <f32>best);
  }
}
