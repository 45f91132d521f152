// Elementwise loops, one instance per op: ops.generated.ts calls them with the op's code as a
// constant, so each op's switch folds away and the loop runs its expression inline.
import { binaryHasVector, binaryScalar, binaryVector, unaryHasVector, unaryScalar, unaryVector } from './ops.generated';
import { walkLastLength, walkLastStrideBytes, walkNext, walkOffsetBytes, walkOuterCount } from './strides';

/** How b (or a) is laid out against the output, as bindings/wasm/binary-layout.ts chooses. */
export const SAME = 0, ROW_B = 1, ROW_A = 2, COLUMN_B = 3, COLUMN_A = 4, STRIDED = 5;

// @ts-ignore: decorator
@inline export function unaryLoop(op: i32, x: usize, out: usize, length: i32, alpha: f32, beta: f32): void {
  let i = 0;
  if (unaryHasVector(op)) {
    const alphaV = f32x4.splat(alpha), betaV = f32x4.splat(beta);
    for (; i + 4 <= length; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, unaryVector(op, v128.load(x + at), alphaV, betaV));
    }
  }
  for (; i < length; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, unaryScalar(op, load<f32>(x + at), alpha, beta));
  }
}

/** out[i] = a[i · sa] op b[i · sb] for i < n, with sa, sb each 0 or 1 (one operand may be a scalar). */
// @ts-ignore: decorator
@inline function binaryRun(op: i32, a: usize, b: usize, out: usize, n: i32, sa: i32, sb: i32, alpha: f32, beta: f32): void {
  let i = 0;
  if (binaryHasVector(op)) {
    const alphaV = f32x4.splat(alpha), betaV = f32x4.splat(beta);
    const aSplat = f32x4.splat(load<f32>(a)), bSplat = f32x4.splat(load<f32>(b));
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      const av = sa ? v128.load(a + at) : aSplat;
      const bv = sb ? v128.load(b + at) : bSplat;
      v128.store(out + at, binaryVector(op, av, bv, alphaV, betaV));
    }
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    const av = load<f32>(a + (sa ? at : 0)), bv = load<f32>(b + (sb ? at : 0));
    store<f32>(out + at, binaryScalar(op, av, bv, alpha, beta));
  }
}

/**
 * out [rows, cols] = a op b. kind says how the operands broadcast: SAME (both [rows, cols]); ROW_B / ROW_A
 * (that operand is one [cols] row); COLUMN_B / COLUMN_A (that operand is a [rows] column); STRIDED (any
 * broadcast, laid out at params as strides.ts says, rows and cols unused).
 */
// @ts-ignore: decorator
@inline export function binaryLoop(
  op: i32, kind: i32, a: usize, b: usize, out: usize, rows: i32, cols: i32, alpha: f32, beta: f32, params: usize,
): void {
  if (kind == SAME) {
    binaryRun(op, a, b, out, rows * cols, 1, 1, alpha, beta);
    return;
  }
  if (kind == STRIDED) {
    binaryStrided(op, a, b, out, alpha, beta, params);
    return;
  }
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const full = <usize>r * rowBytes, column = <usize>r << 2;
    const o = out + full;
    if (kind == ROW_B) binaryRun(op, a + full, b, o, cols, 1, 1, alpha, beta);
    else if (kind == ROW_A) binaryRun(op, a, b + full, o, cols, 1, 1, alpha, beta);
    else if (kind == COLUMN_B) binaryRun(op, a + full, b + column, o, cols, 1, 0, alpha, beta);
    else binaryRun(op, a + column, b + full, o, cols, 0, 1, alpha, beta);
  }
}

// @ts-ignore: decorator
@inline function binaryStrided(op: i32, a: usize, b: usize, out: usize, alpha: f32, beta: f32, params: usize): void {
  const n = walkLastLength(params), outer = walkOuterCount(params);
  const sa = walkLastStrideBytes(params, 0), sb = walkLastStrideBytes(params, 1);
  let o = out;
  for (let t = 0; t < outer; t++) {
    let pa = a + walkOffsetBytes(params, 0), pb = b + walkOffsetBytes(params, 1);
    for (let i = 0; i < n; i++) {
      store<f32>(o, binaryScalar(op, load<f32>(pa), load<f32>(pb), alpha, beta));
      o += 4;
      pa += sa;
      pb += sb;
    }
    walkNext(params);
  }
}
