// Unary and binary elementwise ops. Op codes are the indices of UNARY_OPS and BINARY_OPS
// in bindings/backend.ts.
import { exp1, exp4 } from './exp';

const NEG = 0, EXP = 1, LOG = 2, SQRT = 3, ABS = 4, SIGMOID = 5, TANH = 6, RELU = 7;
const SQUARE = 8, RECIPROCAL = 9, POW = 10, SCALE = 11, SHIFT = 12;

const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAX = 4, MIN = 5, EQ = 6;

@inline function unaryScalar(op: i32, x: f32, alpha: f32): f32 {
  switch (op) {
    case NEG: return -x;
    case EXP: return exp1(x);
    case LOG: return Mathf.log(x);
    case SQRT: return Mathf.sqrt(x);
    case ABS: return Mathf.abs(x);
    case SIGMOID: return 1 / (1 + exp1(-x));
    case TANH: return Mathf.tanh(x);
    case RELU: return x > 0 ? x : 0;
    case SQUARE: return x * x;
    case RECIPROCAL: return 1 / x;
    case POW: return Mathf.pow(x, alpha);
    case SCALE: return x * alpha;
    case SHIFT: return x + alpha;
  }
  return NaN;
}

@inline function unaryVector(op: i32, x: v128, alpha: v128): v128 {
  switch (op) {
    case NEG: return f32x4.neg(x);
    case EXP: return exp4(x);
    case SIGMOID: return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), exp4(f32x4.neg(x))));
    case SQRT: return f32x4.sqrt(x);
    case ABS: return f32x4.abs(x);
    case RELU: return f32x4.pmax(f32x4.splat(0), x);
    case SQUARE: return f32x4.mul(x, x);
    case RECIPROCAL: return f32x4.div(f32x4.splat(1), x);
    case SCALE: return f32x4.mul(x, alpha);
    case SHIFT: return f32x4.add(x, alpha);
  }
  return x;
}

@inline function isVectorUnary(op: i32): bool {
  return op != LOG && op != TANH && op != POW;
}

export function unary(op: i32, x: usize, out: usize, length: i32, alpha: f32): void {
  let i = 0;
  if (isVectorUnary(op)) {
    const alphaV = f32x4.splat(alpha);
    for (; i + 4 <= length; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, unaryVector(op, v128.load(x + at), alphaV));
    }
  }
  for (; i < length; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, unaryScalar(op, load<f32>(x + at), alpha));
  }
}

@inline function binaryScalar(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case ADD: return a + b;
    case SUB: return a - b;
    case MUL: return a * b;
    case DIV: return a / b;
    case MAX: return a >= b || a != a ? a : b;
    case MIN: return a <= b || a != a ? a : b;
    case EQ: return a == b ? 1 : 0;
  }
  return NaN;
}

@inline function binaryVector(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case ADD: return f32x4.add(a, b);
    case SUB: return f32x4.sub(a, b);
    case MUL: return f32x4.mul(a, b);
    case DIV: return f32x4.div(a, b);
    case MAX: return v128.bitselect(a, b, v128.or(f32x4.ge(a, b), f32x4.ne(a, a)));
    case MIN: return v128.bitselect(a, b, v128.or(f32x4.le(a, b), f32x4.ne(a, a)));
    case EQ: return v128.and(f32x4.eq(a, b), f32x4.splat(1));
  }
  return a;
}

/** out[i] = a[i] op b[i] over `length` contiguous elements; out may alias a. */
export function binarySame(op: i32, a: usize, b: usize, out: usize, length: i32): void {
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    const at = <usize>i << 2;
    v128.store(out + at, binaryVector(op, v128.load(a + at), v128.load(b + at)));
  }
  for (; i < length; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, binaryScalar(op, load<f32>(a + at), load<f32>(b + at)));
  }
}

/** out[i] = a[i] op b[0]. */
export function binaryScalarB(op: i32, a: usize, b: usize, out: usize, length: i32): void {
  const bs = load<f32>(b);
  const bv = f32x4.splat(bs);
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    const at = <usize>i << 2;
    v128.store(out + at, binaryVector(op, v128.load(a + at), bv));
  }
  for (; i < length; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, binaryScalar(op, load<f32>(a + at), bs));
  }
}

/** out[r, c] = a[r, c] op b[c] for a [rows, cols]. */
export function binaryRowB(op: i32, a: usize, b: usize, out: usize, rows: i32, cols: i32): void {
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * rowBytes;
    const ar = a + off, outr = out + off;
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = <usize>c << 2;
      v128.store(outr + at, binaryVector(op, v128.load(ar + at), v128.load(b + at)));
    }
    for (; c < cols; c++) {
      const at = <usize>c << 2;
      store<f32>(outr + at, binaryScalar(op, load<f32>(ar + at), load<f32>(b + at)));
    }
  }
}

/** out[r, c] = a[r, c] op b[r] for a [rows, cols]. */
export function binaryColumnB(op: i32, a: usize, b: usize, out: usize, rows: i32, cols: i32): void {
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * rowBytes;
    binaryScalarB(op, a + off, b + (<usize>r << 2), out + off, cols);
  }
}

/**
 * The general case: out (contiguous, shape n0..n3) = a op b, with element strides a0..a3 and b0..b3
 * (0 along broadcast dimensions).
 */
export function binaryStrided(
  op: i32, a: usize, b: usize, out: usize,
  n0: i32, n1: i32, n2: i32, n3: i32,
  a0: i32, a1: i32, a2: i32, a3: i32,
  b0: i32, b1: i32, b2: i32, b3: i32,
): void {
  let o = out;
  for (let i0 = 0; i0 < n0; i0++)
    for (let i1 = 0; i1 < n1; i1++)
      for (let i2 = 0; i2 < n2; i2++) {
        let ia = a + ((<usize>(i0 * a0 + i1 * a1 + i2 * a2)) << 2);
        let ib = b + ((<usize>(i0 * b0 + i1 * b1 + i2 * b2)) << 2);
        const sa = <usize>a3 << 2, sb = <usize>b3 << 2;
        for (let i3 = 0; i3 < n3; i3++) {
          store<f32>(o, binaryScalar(op, load<f32>(ia), load<f32>(ib)));
          o += 4;
          ia += sa;
          ib += sb;
        }
      }
}
