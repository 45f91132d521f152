// C = op(A) · op(B) (+ bias) (then ReLU), GotoBLAS style: B is packed into NR-wide column panels
// and A into MR-row panels (both zero-padded; packing reads either layout, so transposes are free),
// K is blocked by KC and N by NC, and a register-blocked MR×NR micro-kernel accumulates in f32x4.
// The bias and ReLU are applied when the last K block is stored.
import { madd, relu4 } from './simd';

const MR = 4;
const NR = 8;
const KC = 256;
const MC = 128;
const NC = 1024;

const TILE_BYTES: usize = MR * NR * 4;

// @ts-ignore: decorator
@inline function roundUp(x: i32, to: i32): usize {
  return <usize>((x + to - 1) / to * to);
}

// @ts-ignore: decorator
@inline function packBBytes(n: i32, k: i32): usize {
  return roundUp(min(k, KC), 1) * roundUp(min(n, NC), NR) * 4;
}

// @ts-ignore: decorator
@inline function packABytes(m: i32, k: i32): usize {
  return roundUp(min(k, KC), 1) * roundUp(min(m, MC), MR) * 4;
}

/** Bytes of scratch memory (16-byte aligned) that matmul needs for its packing buffers. */
export function matmulScratchBytes(m: i32, n: i32, k: i32): usize {
  return packBBytes(n, k) + packABytes(m, k) + TILE_BYTES;
}

export function matmul(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32,
  transA: bool, transB: bool, bias: usize, relu: bool, scratch: usize,
): void {
  if (k == 0) {
    epilogueOnly(c, m, n, bias, relu);
    return;
  }
  const packB = scratch;
  const packA = scratch + packBBytes(n, k);
  const tile = packA + packABytes(m, k);
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
        const cBlock = c + ((<usize>ic * <usize>n + <usize>jc) << 2);
        const biasBlock = last && bias ? bias + (<usize>jc << 2) : 0;
        macroKernel(packA, packB, cBlock, tile, mc, nc, kc, n, accumulate, biasBlock, last && relu);
      }
    }
  }
}

/** C = bias (or 0) then ReLU, for k = 0. */
function epilogueOnly(c: usize, m: i32, n: i32, bias: usize, relu: bool): void {
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let v: f32 = bias ? load<f32>(bias + (<usize>j << 2)) : 0;
      if (relu && !(v > 0)) v = 0;
      store<f32>(c + ((<usize>i * <usize>n + <usize>j) << 2), v);
    }
}

function macroKernel(
  packA: usize, packB: usize, c: usize, tile: usize, mc: i32, nc: i32, kc: i32, ldc: i32,
  accumulate: bool, bias: usize, relu: bool,
): void {
  const ldcBytes = <usize>ldc << 2;
  const aPanelBytes = <usize>kc * MR * 4;
  const bPanelBytes = <usize>kc * NR * 4;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    const bp = packB + <usize>(jr / NR) * bPanelBytes;
    const biasPanel = bias ? bias + (<usize>jr << 2) : 0;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = min(MR, mc - ir);
      const ap = packA + <usize>(ir / MR) * aPanelBytes;
      const cp = c + <usize>ir * ldcBytes + (<usize>jr << 2);
      if (mr == MR && nr == NR) {
        microKernel(kc, ap, bp, cp, ldcBytes, accumulate, biasPanel, relu);
      } else {
        microKernel(kc, ap, bp, tile, NR * 4, false, 0, false);
        storeTile(tile, cp, ldcBytes, mr, nr, accumulate, biasPanel, relu);
      }
    }
  }
}

// @ts-ignore: decorator
@inline function storeRow(cp: usize, x0: v128, x1: v128, accumulate: bool, bias: usize, relu: bool): void {
  if (accumulate) {
    x0 = f32x4.add(x0, v128.load(cp));
    x1 = f32x4.add(x1, v128.load(cp, 16));
  }
  if (bias) {
    x0 = f32x4.add(x0, v128.load(bias));
    x1 = f32x4.add(x1, v128.load(bias, 16));
  }
  if (relu) {
    x0 = relu4(x0);
    x1 = relu4(x1);
  }
  v128.store(cp, x0);
  v128.store(cp, x1, 16);
}

/** C[0:MR, 0:NR] (+)= Apanel · Bpanel over kc steps; the epilogue applies when bias/relu are set. */
function microKernel(kc: i32, ap: usize, bp: usize, cp: usize, ldc: usize, accumulate: bool, bias: usize, relu: bool): void {
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
  storeRow(cp, c00, c01, accumulate, bias, relu);
  storeRow(cp + ldc, c10, c11, accumulate, bias, relu);
  storeRow(cp + 2 * ldc, c20, c21, accumulate, bias, relu);
  storeRow(cp + 3 * ldc, c30, c31, accumulate, bias, relu);
}

/** Copies the valid mr×nr corner of a computed tile to C, with accumulation and epilogue. */
function storeTile(tile: usize, cp: usize, ldc: usize, mr: i32, nr: i32, accumulate: bool, bias: usize, relu: bool): void {
  for (let r = 0; r < mr; r++) {
    const src = tile + <usize>r * NR * 4;
    const dst = cp + <usize>r * ldc;
    for (let j = 0; j < nr; j++) {
      const at = <usize>j << 2;
      let v = load<f32>(src + at);
      if (accumulate) v += load<f32>(dst + at);
      if (bias) v += load<f32>(bias + at);
      if (relu && !(v > 0)) v = 0;
      store<f32>(dst + at, v);
    }
  }
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
    for (let j = 0; j < NR; j++) {
      let dst = panel + (<usize>j << 2);
      if (j < nr) {
        let src = b + <usize>(jc + jr + j) * ldb + (<usize>pc << 2);
        for (let p = 0; p < kc; p++) {
          store<f32>(dst, load<f32>(src));
          src += 4;
          dst += NR * 4;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          store<f32>(dst, 0);
          dst += NR * 4;
        }
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
    for (let r = 0; r < MR; r++) {
      let dst = panel + (<usize>r << 2);
      if (r < mr) {
        let src = a + <usize>(ic + ir + r) * lda + (<usize>pc << 2);
        for (let p = 0; p < kc; p++) {
          store<f32>(dst, load<f32>(src));
          src += 4;
          dst += MR * 4;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          store<f32>(dst, 0);
          dst += MR * 4;
        }
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
