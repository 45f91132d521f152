// The GEMM's inner loops: the macro-kernel walks MR×NR tiles of a packed A block and a packed
// B block, and the register-blocked micro-kernel accumulates one tile in f32x4 (8 accumulators,
// A broadcast one element at a time, B two vectors per step). The bias and ReLU epilogue is applied
// when the caller says a K block is the last one.
import { madd, relu4 } from './simd';

export const MR = 4;
export const NR = 8;
export const TILE_BYTES: usize = MR * NR * 4;

/**
 * C[mc, nc] (+)= packed A [mc, kc] · packed B [kc, nc]. Element (i, j) is stored at c + i·rowStride +
 * j·colStride; when transC, the tile's rows are C's columns and the bias runs along i.
 */
export function macroKernel(
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
 * C[0:MR, 0:NR] (+)= Apanel · Bpanel over kc >= 1 steps, rows `ldc` bytes apart, with the epilogue
 * when bias/relu are set. When transC, row r of the tile is stored as column r (ldc apart are the
 * tile's columns) and the bias runs along the tile's rows. Inlined: a call per tile costs more than
 * a short K loop. The loop ends on B's pointer rather than on a counter: one add fewer per step.
 */
// @ts-ignore: decorator
@inline function microKernel(
  kc: i32, ap: usize, bp: usize, cp: usize, ldc: usize, accumulate: bool, bias: usize, relu: bool, transC: bool,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const bEnd = bp + <usize>kc * NR * 4;
  do {
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
  } while (bp < bEnd);
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
