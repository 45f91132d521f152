/**
 * Binary elementwise ops with broadcasting: y = f(a, b; alpha, beta). Row order gives the op codes
 * the build generates; the unary rows' backward rules follow these as `<name>Grad` (see index.ts).
 */
import type { BinaryRow } from './rows.js';

/** 1 or 0 as a comparison holds. */
const truth = (holds: boolean) => (holds ? 1 : 0);
const one = 'f32x4.splat(1)';

export const BINARY = {
  add: { ref: (a, b) => a + b, wgsl: 'a + b', as: 'a + b', asVector: 'f32x4.add(a, b)' },
  sub: { ref: (a, b) => a - b, wgsl: 'a - b', as: 'a - b', asVector: 'f32x4.sub(a, b)' },
  mul: { ref: (a, b) => a * b, wgsl: 'a * b', as: 'a * b', asVector: 'f32x4.mul(a, b)' },
  div: { ref: (a, b) => a / b, wgsl: 'a / b', as: 'a / b', asVector: 'f32x4.div(a, b)', test: { domainB: [0.5, 2] } },
  /** The larger of a and b; NaN if either is NaN (PyTorch's maximum). */
  maximum: {
    ref: (a, b) => (a >= b || Number.isNaN(a) ? a : b), wgsl: 'max_nan(a, b)', as: 'a >= b || a != a ? a : b',
    asVector: 'v128.bitselect(a, b, v128.or(f32x4.ge(a, b), f32x4.ne(a, a)))',
  },
  minimum: {
    ref: (a, b) => (a <= b || Number.isNaN(a) ? a : b), wgsl: 'min_nan(a, b)', as: 'a <= b || a != a ? a : b',
    asVector: 'v128.bitselect(a, b, v128.or(f32x4.le(a, b), f32x4.ne(a, a)))',
  },
  /** a ** b. */
  // WGSL's pow goes through exp2 and log2: its relative error grows with |b·log2(a)|.
  pow: { ref: Math.pow, wgsl: 'pow_op(a, b)', as: 'pow1(a, b)', nan: 'exact', test: { domain: [0.25, 2], domainB: [-2, 2], tolerance: 5e-5 } },
  eq: { ref: (a, b) => truth(a === b), wgsl: 'select(0.0, 1.0, ordered(a, b) && a == b)', as: 'a == b ? <f32>1 : 0', asVector: `v128.and(f32x4.eq(a, b), ${one})`, nan: 'exact', test: { values: 'integers' } },
  ne: { ref: (a, b) => truth(a !== b), wgsl: 'select(0.0, 1.0, unordered(a, b) || a != b)', as: 'a != b ? <f32>1 : 0', asVector: `v128.and(f32x4.ne(a, b), ${one})`, nan: 'exact', test: { values: 'integers' } },
  gt: { ref: (a, b) => truth(a > b), wgsl: 'select(0.0, 1.0, ordered(a, b) && a > b)', as: 'a > b ? <f32>1 : 0', asVector: `v128.and(f32x4.gt(a, b), ${one})`, nan: 'exact', test: { values: 'integers' } },
  ge: { ref: (a, b) => truth(a >= b), wgsl: 'select(0.0, 1.0, ordered(a, b) && a >= b)', as: 'a >= b ? <f32>1 : 0', asVector: `v128.and(f32x4.ge(a, b), ${one})`, nan: 'exact', test: { values: 'integers' } },
  lt: { ref: (a, b) => truth(a < b), wgsl: 'select(0.0, 1.0, ordered(a, b) && a < b)', as: 'a < b ? <f32>1 : 0', asVector: `v128.and(f32x4.lt(a, b), ${one})`, nan: 'exact', test: { values: 'integers' } },
  le: { ref: (a, b) => truth(a <= b), wgsl: 'select(0.0, 1.0, ordered(a, b) && a <= b)', as: 'a <= b ? <f32>1 : 0', asVector: `v128.and(f32x4.le(a, b), ${one})`, nan: 'exact', test: { values: 'integers' } },
  /** b where a is non-zero, else 0: where(c, x, y) is whereTrue(c, x) + whereFalse(c, y). */
  whereTrue: {
    ref: (a, b) => (a !== 0 ? b : 0), wgsl: 'select(0.0, b, a != 0.0 || is_nan(a))', as: 'a != 0 ? b : 0',
    asVector: 'v128.andnot(b, f32x4.eq(a, f32x4.splat(0)))', nan: 'exact', test: { values: 'integers' },
  },
  /** b where a is zero, else 0. */
  whereFalse: {
    ref: (a, b) => (a !== 0 ? 0 : b), wgsl: 'select(b, 0.0, a != 0.0 || is_nan(a))', as: 'a != 0 ? 0 : b',
    asVector: 'v128.and(b, f32x4.eq(a, f32x4.splat(0)))', nan: 'exact', test: { values: 'integers' },
  },
} satisfies Record<string, BinaryRow>;
