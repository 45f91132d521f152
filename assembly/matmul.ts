// C = op(A) · op(B) (+ bias) (then ReLU), GotoBLAS style: B is packed into NR-wide column panels
// and A into MR-row panels (both zero-padded; packing reads either layout, so transposes are free),
// K is blocked by KC, M by MC and N by NC, and a register-blocked MR×NR micro-kernel accumulates
// in f32x4. The bias and ReLU are applied when the last K block is stored. A product with few
// columns is computed transposed (Cᵀ = op(B)ᵀ·op(A)ᵀ) so that its short side is the MR side, and
// one with fewer than MR rows row by row straight from B (gemv.ts).
import { madd, relu4 } from './simd';
import { rowTimesMatrix, rowTimesTransposed } from './gemv';

const MR = 4;
const NR = 8;
const KC = 256;
const MC = 128;
const NC = 1024;
const TILE_BYTES: usize = MR * NR * 4;
/** Products with fewer columns than this (not a multiple of NR) and more rows run transposed. */
const NARROW_N = 32;

// @ts-ignore: decorator
@inline function roundUp(x: i32, to: i32): usize {
  return <usize>((x + to - 1) / to * to);
}

// @ts-ignore: decorator
@inline function packBBytes(n: i32, k: i32): usize {
  return <usize>min(k, KC) * roundUp(min(n, NC), NR) * 4;
}

// @ts-ignore: decorator
@inline function packABytes(m: i32, k: i32): usize {
  return <usize>min(k, KC) * roundUp(min(m, MC), MR) * 4;
}

// @ts-ignore: decorator
@inline function runsTransposed(m: i32, n: i32): bool {
  return n < NARROW_N && n % NR != 0 && m > n;
}

/** Bytes of scratch memory (16-byte aligned) that matmul needs for its packing buffers. */
export function matmulScratchBytes(m: i32, n: i32, k: i32): usize {
  if (m < MR) return <usize>k << 2;
  if (runsTransposed(m, n)) return packBBytes(m, k) + packABytes(n, k) + TILE_BYTES;
  return packBBytes(n, k) + packABytes(m, k) + TILE_BYTES;
}

export function matmul(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32,
  transA: bool, transB: bool, bias: usize, relu: bool, scratch: usize,
): void {
  if (k == 0) epilogueOnly(c, m, n, bias, relu);
  else if (m < MR) fewRows(a, b, c, m, n, k, transA, transB, bias, relu, scratch);
  else if (runsTransposed(m, n)) gemm(b, a, c, n, m, k, !transB, !transA, bias, relu, scratch, true);
  else gemm(a, b, c, m, n, k, transA, transB, bias, relu, scratch, false);
}

/**
 * C' = op(A)·op(B) for C' [m, n]. Element (i, j) of C' is stored at C[i, j], or at C[j, i] when
 * transC (and then the bias runs along i).
 */
function gemm(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32,
  transA: bool, transB: bool, bias: usize, relu: bool, scratch: usize, transC: bool,
): void {
  const packB = scratch;
  const packA = scratch + packBBytes(n, k);
  const tile = packA + packABytes(m, k);
  const rowStride: usize = transC ? 4 : <usize>n << 2;
  const colStride: usize = transC ? <usize>m << 2 : 4;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const accumulate = pc > 0;
      const last = pc + kc >= k;
      if (transB) packBTransposed(b, packB, k, pc, kc, jc, nc);
      else packBRows(b, packB, n, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        if (transA) packATransposed(a, packA, m, pc, kc, ic, mc);
        else packARows(a, packA, k, pc, kc, ic, mc);
        const cBlock = c + <usize>ic * rowStride + <usize>jc * colStride;
        const biasBlock = last && bias ? bias + (<usize>(transC ? ic : jc) << 2) : 0;
        macroKernel(packA, packB, cBlock, tile, mc, nc, kc, rowStride, colStride, accumulate, biasBlock, last && relu, transC);
      }
    }
  }
}

/** Row by row, straight from B; each row of op(A) is first gathered into scratch. */
function fewRows(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32,
  transA: bool, transB: bool, bias: usize, relu: bool, scratch: usize,
): void {
  for (let i = 0; i < m; i++) {
    let row = a + ((<usize>i * <usize>k) << 2);
    if (transA) {
      for (let p = 0; p < k; p++) store<f32>(scratch + (<usize>p << 2), load<f32>(a + ((<usize>p * <usize>m + <usize>i) << 2)));
      row = scratch;
    }
    const crow = c + ((<usize>i * <usize>n) << 2);
    if (transB) rowTimesTransposed(row, b, crow, n, k, bias, relu);
    else rowTimesMatrix(row, b, crow, n, k, bias, relu);
  }
}

/** C = bias (or 0) then ReLU, for k = 0. */
function epilogueOnly(c: usize, m: i32, n: i32, bias: usize, relu: bool): void {
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let v: f32 = bias ? load<f32>(bias + (<usize>j << 2)) : 0;
      if (relu && v < 0) v = 0;
      store<f32>(c + ((<usize>i * <usize>n + <usize>j) << 2), v);
    }
}

function macroKernel(
  packA: usize, packB: usize, c: usize, tile: usize, mc: i32, nc: i32, kc: i32,
  rowStride: usize, colStride: usize, accumulate: bool, bias: usize, relu: bool, transC: bool,
): void {
  const aPanelBytes = <usize>kc * MR * 4;
  const bPanelBytes = <usize>kc * NR * 4;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    const bp = packB + <usize>(jr / NR) * bPanelBytes;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = min(MR, mc - ir);
      const ap = packA + <usize>(ir / MR) * aPanelBytes;
      const cp = c + <usize>ir * rowStride + <usize>jr * colStride;
      const biasTile = bias ? bias + (<usize>(transC ? ir : jr) << 2) : 0;
      if (mr == MR && nr == NR) {
        microKernel(kc, ap, bp, cp, transC ? colStride : rowStride, accumulate, biasTile, relu, transC);
      } else {
        microKernel(kc, ap, bp, tile, NR * 4, false, 0, false, false);
        storeTile(tile, cp, rowStride, colStride, mr, nr, accumulate, biasTile, relu, transC);
      }
    }
  }
}

/** Stores x (+ the vector at dst when accumulating) (+ the vector at bias) (then ReLU) at dst. */
// @ts-ignore: decorator
@inline function storeVector(dst: usize, x: v128, accumulate: bool, bias: usize, relu: bool): void {
  if (accumulate) x = f32x4.add(x, v128.load(dst));
  if (bias) x = f32x4.add(x, v128.load(bias));
  if (relu) x = relu4(x);
  v128.store(dst, x);
}

// @ts-ignore: decorator
@inline function storeTransposed4(
  r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize, accumulate: bool, bias: usize, relu: bool,
): void {
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  storeVector(dst, i32x4.shuffle(t0, t2, 0, 1, 4, 5), accumulate, bias, relu);
  storeVector(dst + stride, i32x4.shuffle(t0, t2, 2, 3, 6, 7), accumulate, bias, relu);
  storeVector(dst + 2 * stride, i32x4.shuffle(t1, t3, 0, 1, 4, 5), accumulate, bias, relu);
  storeVector(dst + 3 * stride, i32x4.shuffle(t1, t3, 2, 3, 6, 7), accumulate, bias, relu);
}

/**
 * C[0:MR, 0:NR] (+)= Apanel · Bpanel over kc steps, rows `ldc` bytes apart, with the epilogue
 * when bias/relu are set. When transC, row r of the tile is stored as column r (ldc apart are
 * the tile's columns) and the bias runs along the tile's rows. Inlined: a call per tile costs
 * more than a short K loop.
 */
// @ts-ignore: decorator
@inline function microKernel(
  kc: i32, ap: usize, bp: usize, cp: usize, ldc: usize, accumulate: bool, bias: usize, relu: bool, transC: bool,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let av = v128.load32_splat(ap);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(ap, 4);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(ap, 8);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(ap, 12);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    ap += MR * 4;
    bp += NR * 4;
  }
  if (transC) {
    storeTransposed4(c00, c10, c20, c30, cp, ldc, accumulate, bias, relu);
    storeTransposed4(c01, c11, c21, c31, cp + 4 * ldc, ldc, accumulate, bias, relu);
    return;
  }
  const bias1 = bias ? bias + 16 : 0;
  storeVector(cp, c00, accumulate, bias, relu);
  storeVector(cp + 16, c01, accumulate, bias1, relu);
  storeVector(cp + ldc, c10, accumulate, bias, relu);
  storeVector(cp + ldc + 16, c11, accumulate, bias1, relu);
  storeVector(cp + 2 * ldc, c20, accumulate, bias, relu);
  storeVector(cp + 2 * ldc + 16, c21, accumulate, bias1, relu);
  storeVector(cp + 3 * ldc, c30, accumulate, bias, relu);
  storeVector(cp + 3 * ldc + 16, c31, accumulate, bias1, relu);
}

/** Copies the valid mr×nr corner of a computed tile to C, with accumulation and epilogue. */
function storeTile(
  tile: usize, cp: usize, rowStride: usize, colStride: usize, mr: i32, nr: i32,
  accumulate: bool, bias: usize, relu: bool, biasAlongRows: bool,
): void {
  for (let r = 0; r < mr; r++) {
    const src = tile + <usize>r * NR * 4;
    const dstRow = cp + <usize>r * rowStride;
    for (let j = 0; j < nr; j++) {
      const dst = dstRow + <usize>j * colStride;
      let v = load<f32>(src + (<usize>j << 2));
      if (accumulate) v += load<f32>(dst);
      if (bias) v += load<f32>(bias + (<usize>(biasAlongRows ? r : j) << 2));
      if (relu && v < 0) v = 0;
      store<f32>(dst, v);
    }
  }
}

/** Transposes the 4×4 block whose rows start at src, src + srcStride, ... into rows at dst, dst + dstStride, ... */
// @ts-ignore: decorator
@inline function transpose4(src: usize, srcStride: usize, dst: usize, dstStride: usize): void {
  const r0 = v128.load(src);
  const r1 = v128.load(src + srcStride);
  const r2 = v128.load(src + 2 * srcStride);
  const r3 = v128.load(src + 3 * srcStride);
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(dst, i32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(dst + dstStride, i32x4.shuffle(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * dstStride, i32x4.shuffle(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * dstStride, i32x4.shuffle(t1, t3, 2, 3, 6, 7));
}

/** Packs B [k, n] rows pc..pc+kc, columns jc..jc+nc into NR-wide panels [kc][NR]. */
function packBRows(b: usize, packB: usize, n: i32, pc: i32, kc: i32, jc: i32, nc: i32): void {
  const ldb = <usize>n << 2;
  let dst = packB;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    let src = b + <usize>pc * ldb + (<usize>(jc + jr) << 2);
    if (nr == NR) {
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += ldb;
        dst += NR * 4;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        v128.store(dst, f32x4.splat(0));
        v128.store(dst, f32x4.splat(0), 16);
        for (let j = 0; j < nr; j++) store<f32>(dst + (<usize>j << 2), load<f32>(src + (<usize>j << 2)));
        src += ldb;
        dst += NR * 4;
      }
    }
  }
}

/** Packs op(B) = Bᵀ for B stored [n, k]: element (p, j) is B[j, p]. */
function packBTransposed(b: usize, packB: usize, k: i32, pc: i32, kc: i32, jc: i32, nc: i32): void {
  const ldb = <usize>k << 2;
  let panel = packB;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    const src = b + <usize>(jc + jr) * ldb + (<usize>pc << 2);
    let p = 0;
    if (nr == NR) {
      for (; p + 4 <= kc; p += 4) {
        const s = src + (<usize>p << 2), d = panel + <usize>p * NR * 4;
        transpose4(s, ldb, d, NR * 4);
        transpose4(s + 4 * ldb, ldb, d + 16, NR * 4);
      }
    }
    for (let j = 0; j < NR; j++) {
      let dst = panel + <usize>p * NR * 4 + (<usize>j << 2);
      const row = src + <usize>j * ldb;
      for (let q = p; q < kc; q++) {
        store<f32>(dst, j < nr ? load<f32>(row + (<usize>q << 2)) : 0);
        dst += NR * 4;
      }
    }
    panel += <usize>kc * NR * 4;
  }
}

/** Packs A [m, k] rows ic..ic+mc, columns pc..pc+kc into MR-row panels [kc][MR]. */
function packARows(a: usize, packA: usize, k: i32, pc: i32, kc: i32, ic: i32, mc: i32): void {
  const lda = <usize>k << 2;
  let panel = packA;
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = min(MR, mc - ir);
    const src = a + <usize>(ic + ir) * lda + (<usize>pc << 2);
    let p = 0;
    if (mr == MR) {
      for (; p + 4 <= kc; p += 4) transpose4(src + (<usize>p << 2), lda, panel + <usize>p * MR * 4, MR * 4);
    }
    for (let r = 0; r < MR; r++) {
      let dst = panel + <usize>p * MR * 4 + (<usize>r << 2);
      const row = src + <usize>r * lda;
      for (let q = p; q < kc; q++) {
        store<f32>(dst, r < mr ? load<f32>(row + (<usize>q << 2)) : 0);
        dst += MR * 4;
      }
    }
    panel += <usize>kc * MR * 4;
  }
}

/** Packs op(A) = Aᵀ for A stored [k, m]: element (i, p) is A[p, i]. */
function packATransposed(a: usize, packA: usize, m: i32, pc: i32, kc: i32, ic: i32, mc: i32): void {
  const lda = <usize>m << 2;
  let dst = packA;
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = min(MR, mc - ir);
    let src = a + <usize>pc * lda + (<usize>(ic + ir) << 2);
    if (mr == MR) {
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        src += lda;
        dst += MR * 4;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        v128.store(dst, f32x4.splat(0));
        for (let r = 0; r < mr; r++) store<f32>(dst + (<usize>r << 2), load<f32>(src + (<usize>r << 2)));
        src += lda;
        dst += MR * 4;
      }
    }
  }
}
