// Matrix products with very few rows (m < MR): each row of C is computed straight from B,
// since packing B would cost more than the product itself.
import { hsum, madd, relu4 } from './simd';

// @ts-ignore: decorator
@inline function finish(x: v128, bias: usize, relu: bool): v128 {
  if (bias) x = f32x4.add(x, v128.load(bias));
  if (relu) x = relu4(x);
  return x;
}

// @ts-ignore: decorator
@inline function finishScalar(x: f32, bias: usize, relu: bool): f32 {
  if (bias) x += load<f32>(bias);
  if (relu && x < 0) x = 0;
  return x;
}

/** c[0:n] = a[0:k] · B (+ bias) (then ReLU) for B [k, n] whose rows start ldb bytes apart. */
export function rowTimesMatrix(a: usize, b: usize, c: usize, n: i32, k: i32, ldb: usize, bias: usize, relu: bool): void {
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    const col = <usize>j << 2;
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    let row = b + col;
    for (let p = 0; p < k; p++) {
      const av = v128.load32_splat(a + (<usize>p << 2));
      s0 = madd(av, v128.load(row), s0);
      s1 = madd(av, v128.load(row, 16), s1);
      s2 = madd(av, v128.load(row, 32), s2);
      s3 = madd(av, v128.load(row, 48), s3);
      row += ldb;
    }
    const biasAt = bias ? bias + col : 0;
    v128.store(c + col, finish(s0, biasAt, relu));
    v128.store(c + col + 16, finish(s1, biasAt ? biasAt + 16 : 0, relu));
    v128.store(c + col + 32, finish(s2, biasAt ? biasAt + 32 : 0, relu));
    v128.store(c + col + 48, finish(s3, biasAt ? biasAt + 48 : 0, relu));
  }
  for (; j + 4 <= n; j += 4) {
    const col = <usize>j << 2;
    let s = f32x4.splat(0);
    let row = b + col;
    for (let p = 0; p < k; p++) {
      s = madd(v128.load32_splat(a + (<usize>p << 2)), v128.load(row), s);
      row += ldb;
    }
    v128.store(c + col, finish(s, bias ? bias + col : 0, relu));
  }
  for (; j < n; j++) {
    const col = <usize>j << 2;
    let s: f32 = 0;
    for (let p = 0; p < k; p++) s += load<f32>(a + (<usize>p << 2)) * load<f32>(b + <usize>p * ldb + col);
    store<f32>(c + col, finishScalar(s, bias ? bias + col : 0, relu));
  }
}

/** Dot product of two contiguous vectors of length k. */
// @ts-ignore: decorator
@inline function dot(x: usize, y: usize, k: i32): f32 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
  let p = 0;
  for (; p + 8 <= k; p += 8) {
    const at = <usize>p << 2;
    s0 = madd(v128.load(x + at), v128.load(y + at), s0);
    s1 = madd(v128.load(x + at, 16), v128.load(y + at, 16), s1);
  }
  if (p + 4 <= k) {
    const at = <usize>p << 2;
    s0 = madd(v128.load(x + at), v128.load(y + at), s0);
    p += 4;
  }
  let total = hsum(f32x4.add(s0, s1));
  for (; p < k; p++) total += load<f32>(x + (<usize>p << 2)) * load<f32>(y + (<usize>p << 2));
  return total;
}

/** c[0:n] = a[0:k] · Bᵀ (+ bias) (then ReLU) for B stored [n, k]. */
export function rowTimesTransposed(a: usize, b: usize, c: usize, n: i32, k: i32, bias: usize, relu: bool): void {
  const ldb = <usize>k << 2;
  for (let j = 0; j < n; j++) {
    const col = <usize>j << 2;
    store<f32>(c + col, finishScalar(dot(a, b + <usize>j * ldb, k), bias ? bias + col : 0, relu));
  }
}
