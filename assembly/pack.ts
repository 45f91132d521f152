// Packing for the GEMM (matmul.ts): B into NR-wide column panels [kc][NR] and A into MR-row panels
// [kc][MR], both zero-padded. Packing reads either layout, so transposes cost nothing extra.
import { MR, NR } from './gemm-kernel';

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
export function packBRows(b: usize, packB: usize, n: i32, pc: i32, kc: i32, jc: i32, nc: i32): void {
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
export function packBTransposed(b: usize, packB: usize, k: i32, pc: i32, kc: i32, jc: i32, nc: i32): void {
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
export function packARows(a: usize, packA: usize, k: i32, pc: i32, kc: i32, ic: i32, mc: i32): void {
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
export function packATransposed(a: usize, packA: usize, m: i32, pc: i32, kc: i32, ic: i32, mc: i32): void {
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
