// C = op(A) · op(B) (+ bias) (then ReLU), GotoBLAS style: B is packed into NR-wide column panels
// and A into MR-row panels (pack.ts), K is blocked by KC, M by MC and N by NC, and a register-blocked
// MR×NR micro-kernel accumulates in f32x4 (gemm-kernel.ts). A product with few columns is computed
// transposed (Cᵀ = op(B)ᵀ·op(A)ᵀ) so that its short side is the MR side, and one with fewer than MR
// rows row by row straight from B (gemv.ts).
//
// The work is cut in phases that threads can share (bindings/wasm/ partitions them): for each NC
// block of columns and each group of KC blocks, packB packs the group's B panels once into shared
// scratch, then compute runs rows (or panels) of C against it, each thread packing its own A. Every
// element of C is summed in the same order however the rows and panels are split.
import { MR, NR, TILE_BYTES, macroKernel } from './gemm-kernel';
import { rowTimesMatrix, rowTimesTransposed } from './gemv';
import { packARows, packATransposed, packBRows, packBTransposed } from './pack';

const KC = 512;
const MC = 128;
const NC = 1024;
/** Bytes of packed B one group may take: the group covers as many KC blocks as fit. */
const PACKED_B_BUDGET = 4 << 20;
/** Products with fewer columns than this (not a multiple of NR) and more rows run transposed. */
const NARROW_N = 32;

const ROUTE_EMPTY = 0, ROUTE_FEW_ROWS = 1, ROUTE_GEMM = 2, ROUTE_GEMM_TRANSPOSED = 3;

// @ts-ignore: decorator
@inline function roundUp(x: i32, to: i32): i32 {
  return (x + to - 1) / to * to;
}

/** How a product is computed: 0 only the epilogue (k = 0), 1 row by row, 2 GEMM, 3 GEMM of Cᵀ. */
export function matmulRoute(m: i32, n: i32, k: i32): i32 {
  if (k == 0) return ROUTE_EMPTY;
  if (m < MR) return ROUTE_FEW_ROWS;
  return n < NARROW_N && n % NR != 0 && m > n ? ROUTE_GEMM_TRANSPOSED : ROUTE_GEMM;
}

/** The blocking sizes MR, NR, MC, KC, NC (which = 0 .. 4). */
export function matmulBlocking(which: i32): i32 {
  return which == 0 ? MR : which == 1 ? NR : which == 2 ? MC : which == 3 ? KC : NC;
}

/** Depth (a multiple of KC) of one group of packed B for a GEMM with n columns. */
export function matmulGroupDepth(m: i32, n: i32, k: i32): i32 {
  return groupDepth(matmulRoute(m, n, k) == ROUTE_GEMM_TRANSPOSED ? m : n, k);
}

// @ts-ignore: decorator
@inline function groupDepth(n: i32, k: i32): i32 {
  const rowBytes = roundUp(min(n, NC), NR) * 4;
  return min(max(1, PACKED_B_BUDGET / rowBytes / KC) * KC, roundUp(k, KC));
}

// @ts-ignore: decorator
@inline function packedBBytes(n: i32, k: i32): usize {
  return <usize>groupDepth(n, k) * <usize>roundUp(min(n, NC), NR) * 4;
}

/** Bytes of one thread's packed A block and edge tile. */
// @ts-ignore: decorator
@inline function threadBytes(m: i32, k: i32): usize {
  return <usize>min(k, KC) * <usize>roundUp(min(m, MC), MR) * 4 + TILE_BYTES;
}

// @ts-ignore: decorator
@inline function rowBufferBytes(k: i32): usize {
  return <usize>roundUp(k, 4) << 2;
}

/** Bytes of scratch (16-byte aligned) a product needs when `threads` threads share it. */
export function matmulScratchBytes(m: i32, n: i32, k: i32, threads: i32): usize {
  const route = matmulRoute(m, n, k);
  if (route == ROUTE_EMPTY) return 16;
  if (route == ROUTE_FEW_ROWS) return <usize>threads * rowBufferBytes(k);
  const transposed = route == ROUTE_GEMM_TRANSPOSED;
  const mp = transposed ? n : m, np = transposed ? m : n;
  return packedBBytes(np, k) + <usize>threads * threadBytes(mp, k);
}

/** One product on one thread: every phase in order, with the whole scratch. */
export function matmul(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32,
  transA: bool, transB: bool, bias: usize, relu: bool, scratch: usize,
): void {
  const route = matmulRoute(m, n, k);
  if (route == ROUTE_EMPTY) epilogueOnly(c, m, n, bias, relu);
  else if (route == ROUTE_FEW_ROWS) matmulFewRows(a, b, c, m, n, k, transA, transB, bias, relu, scratch, 0, 0, n);
  else {
    const transposed = route == ROUTE_GEMM_TRANSPOSED;
    const mp = transposed ? n : m, np = transposed ? m : n;
    const depth = groupDepth(np, k);
    for (let jc = 0; jc < np; jc += NC) {
      const panels = (min(NC, np - jc) + NR - 1) / NR;
      for (let pc = 0; pc < k; pc += depth) {
        matmulPackB(a, b, m, n, k, transA, transB, scratch, jc, pc, 0, panels);
        matmulCompute(a, b, c, m, n, k, transA, transB, bias, relu, scratch, 0, jc, pc, 0, mp, 0, panels);
      }
    }
  }
}

/** Products batch0 .. batch1 of a batch, each on this thread alone with its own scratch region. */
export function matmulBatch(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, bias: usize, relu: bool,
  scratch: usize, thread: i32, aStride: i32, bStride: i32, batch0: i32, batch1: i32,
): void {
  const own = scratch + <usize>thread * matmulScratchBytes(m, n, k, 1);
  for (let t = batch0; t < batch1; t++)
    matmul(
      a + ((<usize>t * <usize>aStride) << 2), b + ((<usize>t * <usize>bStride) << 2), c + ((<usize>t * <usize>m * <usize>n) << 2),
      m, n, k, transA, transB, bias, relu, own,
    );
}

/**
 * Packs panels panel0 .. panel1 of the B block of columns jc .. jc + NC and depth pc .. pc + group depth
 * into the shared scratch (in GEMM terms: B is op(A)ᵀ for the transposed route).
 */
export function matmulPackB(
  a: usize, b: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, scratch: usize,
  jc: i32, pc: i32, panel0: i32, panel1: i32,
): void {
  if (matmulRoute(m, n, k) == ROUTE_GEMM_TRANSPOSED) packGroup(a, m, k, !transA, scratch, jc, pc, panel0, panel1);
  else packGroup(b, n, k, transB, scratch, jc, pc, panel0, panel1);
}

function packGroup(b: usize, n: i32, k: i32, transB: bool, scratch: usize, jc: i32, pc0: i32, panel0: i32, panel1: i32): void {
  const nc = min(NC, n - jc);
  const rowBytes = <usize>roundUp(nc, NR) * 4;
  const kEnd = min(k, pc0 + groupDepth(n, k));
  const col0 = panel0 * NR, cols = min(nc, panel1 * NR) - col0;
  if (cols <= 0) return;
  for (let pc = pc0; pc < kEnd; pc += KC) {
    const kc = min(KC, k - pc);
    const dst = scratch + <usize>(pc - pc0) * rowBytes + <usize>panel0 * <usize>kc * NR * 4;
    if (transB) packBTransposed(b, dst, k, pc, kc, jc + col0, cols);
    else packBRows(b, dst, n, pc, kc, jc + col0, cols);
  }
}

/**
 * Rows row0 .. row1 and panels panel0 .. panel1 of the C block of columns jc .. jc + NC, over the
 * packed group at depth pc (matmulPackB must have packed those panels), on thread `thread`'s A scratch.
 */
export function matmulCompute(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, bias: usize, relu: bool,
  scratch: usize, thread: i32, jc: i32, pc: i32, row0: i32, row1: i32, panel0: i32, panel1: i32,
): void {
  if (matmulRoute(m, n, k) == ROUTE_GEMM_TRANSPOSED)
    computeGroup(b, c, n, m, k, !transB, bias, relu, scratch, thread, jc, pc, row0, row1, panel0, panel1, true);
  else computeGroup(a, c, m, n, k, transA, bias, relu, scratch, thread, jc, pc, row0, row1, panel0, panel1, false);
}

/** C' = op(A)·(packed B) for C' [m, n]; element (i, j) of C' is C[i, j], or C[j, i] when transC. */
function computeGroup(
  a: usize, c: usize, m: i32, n: i32, k: i32, transA: bool, bias: usize, relu: bool,
  scratch: usize, thread: i32, jc: i32, pc0: i32, row0: i32, row1: i32, panel0: i32, panel1: i32, transC: bool,
): void {
  const nc = min(NC, n - jc);
  const col0 = panel0 * NR, cols = min(nc, panel1 * NR) - col0;
  if (cols <= 0 || row1 <= row0) return;
  const packBRowBytes = <usize>roundUp(nc, NR) * 4;
  const packA = scratch + packedBBytes(n, k) + <usize>thread * threadBytes(m, k);
  const tile = packA + <usize>min(k, KC) * <usize>roundUp(min(m, MC), MR) * 4;
  const rowStride: usize = transC ? 4 : <usize>n << 2;
  const colStride: usize = transC ? <usize>m << 2 : 4;
  const kEnd = min(k, pc0 + groupDepth(n, k));
  for (let pc = pc0; pc < kEnd; pc += KC) {
    const kc = min(KC, k - pc);
    const last = pc + kc >= k;
    const packB = scratch + <usize>(pc - pc0) * packBRowBytes + <usize>panel0 * <usize>kc * NR * 4;
    for (let ic = row0; ic < row1; ic += MC) {
      const mc = min(MC, row1 - ic);
      if (transA) packATransposed(a, packA, m, pc, kc, ic, mc);
      else packARows(a, packA, k, pc, kc, ic, mc);
      const cBlock = c + <usize>ic * rowStride + <usize>(jc + col0) * colStride;
      const biasBlock = last && bias ? bias + (<usize>(transC ? ic : jc + col0) << 2) : 0;
      macroKernel(packA, packB, cBlock, tile, mc, cols, kc, rowStride, colStride, pc > 0, biasBlock, last && relu, transC);
    }
  }
}

/**
 * Columns col0 .. col1 of a product with m < MR rows, row by row straight from B; a row of op(A) is
 * first gathered into thread `thread`'s row buffer when A is transposed.
 */
export function matmulFewRows(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, bias: usize, relu: bool,
  scratch: usize, thread: i32, col0: i32, col1: i32,
): void {
  const buffer = scratch + <usize>thread * rowBufferBytes(k);
  const cols = col1 - col0;
  const colBytes = <usize>col0 << 2;
  const biasAt = bias ? bias + colBytes : 0;
  for (let i = 0; i < m; i++) {
    let row = a + ((<usize>i * <usize>k) << 2);
    if (transA) {
      for (let p = 0; p < k; p++) store<f32>(buffer + (<usize>p << 2), load<f32>(a + ((<usize>p * <usize>m + <usize>i) << 2)));
      row = buffer;
    }
    const crow = c + ((<usize>i * <usize>n) << 2) + colBytes;
    if (transB) rowTimesTransposed(row, b + <usize>col0 * (<usize>k << 2), crow, cols, k, biasAt, relu);
    else rowTimesMatrix(row, b + colBytes, crow, cols, k, <usize>n << 2, biasAt, relu);
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
