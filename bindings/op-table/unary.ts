/**
 * Unary elementwise ops: y = f(x; alpha, beta). One row per op: its f64 reference (the cpu backend),
 * its WGSL and AssemblyScript expressions, and its backward rule. Row order gives the op codes the
 * build generates (assembly/ops.generated.ts); nothing else numbers them.
 */
import { erf, geluTanh, geluTanhGrad, normalCdf, normalPdf, powGrad } from './math.js';
import type { UnaryRow } from './rows.js';

export const UNARY = {
  neg: { ref: (x) => -x, wgsl: '-x', as: '-x', asVector: 'f32x4.neg(x)' },
  exp: {
    ref: Math.exp, wgsl: 'exp_op(x)', as: 'exp1(x)', asVector: 'exp4(x)',
    grad: { from: 'y', ref: (y, dy) => dy * y, wgsl: 'dy * y', as: 'dy * y', asVector: 'f32x4.mul(dy, y)' },
  },
  log: {
    ref: Math.log, wgsl: 'log_op(x)', as: 'Mathf.log(x)',
    grad: { from: 'x', ref: (x, dy) => dy / x, wgsl: 'dy / x', as: 'dy / x', asVector: 'f32x4.div(dy, x)' },
    test: { domain: [0.01, 4] },
  },
  sqrt: {
    ref: Math.sqrt, wgsl: 'sqrt(x)', as: 'Mathf.sqrt(x)', asVector: 'f32x4.sqrt(x)',
    grad: {
      from: 'y', ref: (y, dy) => dy / (2 * y), wgsl: 'dy / (2.0 * y)', as: 'dy / (2 * y)',
      asVector: 'f32x4.div(dy, f32x4.add(y, y))',
    },
    test: { domain: [0.05, 4] },
  },
  abs: {
    ref: Math.abs, wgsl: 'abs(x)', as: 'Mathf.abs(x)', asVector: 'f32x4.abs(x)', test: { kinks: [0] },
    grad: { from: 'x', ref: (x, dy) => dy * (x > 0 ? 1 : x < 0 ? -1 : 0), wgsl: 'dy * sign_op(x)', as: 'dy * sign1(x)', nan: 'exact' },
  },
  /** 0 for 0 and NaN, as PyTorch's sign. */
  sign: {
    ref: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), wgsl: 'sign_op(x)', as: 'sign1(x)', nan: 'exact',
    grad: { from: 'x', ref: () => 0, wgsl: '0.0', as: '0', asVector: 'f32x4.splat(0)', nan: 'exact' },
  },
  sigmoid: {
    ref: (x) => 1 / (1 + Math.exp(-x)), wgsl: '1.0 / (1.0 + exp(-x))', as: '1 / (1 + exp1(-x))',
    asVector: 'f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), exp4(f32x4.neg(x))))',
    grad: {
      from: 'y', ref: (y, dy) => dy * y * (1 - y), wgsl: 'dy * y * (1.0 - y)', as: 'dy * y * (1 - y)',
      asVector: 'f32x4.mul(f32x4.mul(dy, y), f32x4.sub(f32x4.splat(1), y))',
    },
  },
  tanh: {
    ref: Math.tanh, wgsl: 'tanh_op(x)', as: 'Mathf.tanh(x)',
    grad: {
      from: 'y', ref: (y, dy) => dy * (1 - y * y), wgsl: 'dy * (1.0 - y * y)', as: 'dy * (1 - y * y)',
      asVector: 'f32x4.mul(dy, f32x4.sub(f32x4.splat(1), f32x4.mul(y, y)))',
    },
  },
  // NaN stays NaN and -0 stays -0, as in PyTorch; the gradient passes where the input is NaN.
  relu: {
    ref: (x) => (x < 0 ? 0 : x), wgsl: 'select(x, 0.0, x < 0.0)', as: 'x < 0 ? 0 : x', asVector: 'relu4(x)',
    grad: {
      from: 'y', ref: (y, dy) => (y <= 0 ? 0 : dy), wgsl: 'select(dy, 0.0, y <= 0.0 && !is_nan(y))', as: 'y <= 0 ? 0 : dy',
      asVector: 'v128.andnot(dy, f32x4.le(y, f32x4.splat(0)))', nan: 'exact',
    },
    test: { kinks: [0] },
  },
  gelu: {
    ref: (x) => x * normalCdf(x), wgsl: 'gelu_op(x)', as: 'gelu1(x)',
    grad: { from: 'x', ref: (x, dy) => dy * (normalCdf(x) + x * normalPdf(x)), wgsl: 'dy * gelu_grad_op(x)', as: 'dy * geluGrad1(x)' },
    test: { domain: [-6, 6] },
  },
  geluTanh: {
    ref: geluTanh, wgsl: 'gelu_tanh_op(x)', as: 'geluTanh1(x)',
    grad: { from: 'x', ref: (x, dy) => dy * geluTanhGrad(x), wgsl: 'dy * gelu_tanh_grad_op(x)', as: 'dy * geluTanhGrad1(x)' },
    test: { domain: [-6, 6] },
  },
  erf: {
    ref: erf, wgsl: 'erf_op(x)', as: 'erf1(x)',
    grad: {
      from: 'x', ref: (x, dy) => dy * (1.1283791670955126 * Math.exp(-x * x)),
      wgsl: 'dy * (1.1283791670955126 * exp(-x * x))', as: 'dy * (<f32>1.1283791670955126 * exp1(-x * x))',
    },
  },
  sin: {
    ref: Math.sin, wgsl: 'sin_op(x)', as: 'Mathf.sin(x)',
    grad: { from: 'x', ref: (x, dy) => dy * Math.cos(x), wgsl: 'dy * cos_op(x)', as: 'dy * Mathf.cos(x)' },
    test: { maxMagnitude: 1e4 },
  },
  cos: {
    ref: Math.cos, wgsl: 'cos_op(x)', as: 'Mathf.cos(x)',
    grad: { from: 'x', ref: (x, dy) => -dy * Math.sin(x), wgsl: '-dy * sin_op(x)', as: '-dy * Mathf.sin(x)' },
    test: { maxMagnitude: 1e4 },
  },
  square: {
    ref: (x) => x * x, wgsl: 'x * x', as: 'x * x', asVector: 'f32x4.mul(x, x)',
    grad: { from: 'x', ref: (x, dy) => x * dy * 2, wgsl: 'x * dy * 2.0', as: 'x * dy * 2', asVector: 'f32x4.mul(f32x4.mul(x, dy), f32x4.splat(2))' },
  },
  reciprocal: {
    ref: (x) => 1 / x, wgsl: '1.0 / x', as: '1 / x', asVector: 'f32x4.div(f32x4.splat(1), x)',
    grad: {
      from: 'y', ref: (y, dy) => -dy * y * y, wgsl: '-dy * y * y', as: '-dy * y * y',
      asVector: 'f32x4.neg(f32x4.mul(dy, f32x4.mul(y, y)))',
    },
    test: { domain: [0.1, 2] },
  },
  /** x ** alpha. */
  pow: {
    ref: (x, alpha) => Math.pow(x, alpha), wgsl: 'pow_op(x, alpha)', as: 'pow1(x, alpha)', nan: 'exact',
    grad: { from: 'x', ref: (x, dy, alpha) => dy * powGrad(x, alpha), wgsl: 'dy * pow_grad_op(x, alpha)', as: 'dy * powGrad1(x, alpha)' },
    test: { domain: [0.1, 3], alpha: 1.7 },
  },
  /** x clamped to [alpha, beta]; NaN stays NaN. The gradient passes inside the bounds, bounds included. */
  clamp: {
    ref: (x, lo, hi) => (x < lo ? lo : x > hi ? hi : x),
    wgsl: 'select(select(x, beta, x > beta), alpha, x < alpha)', as: 'x < alpha ? alpha : x > beta ? beta : x',
    asVector: 'v128.bitselect(alpha, v128.bitselect(beta, x, f32x4.gt(x, beta)), f32x4.lt(x, alpha))',
    grad: {
      from: 'x', ref: (x, dy, lo, hi) => (x >= lo && x <= hi ? dy : 0),
      wgsl: 'select(0.0, dy, x >= alpha && x <= beta && !is_nan(x))', as: 'x >= alpha && x <= beta ? dy : 0',
      asVector: 'v128.and(dy, v128.and(f32x4.ge(x, alpha), f32x4.le(x, beta)))', nan: 'exact',
    },
    test: { alpha: -1.25, beta: 0.5, kinks: [-1.25, 0.5] },
  },
  /** x * alpha (the autograd layer states its backward). */
  scale: { ref: (x, alpha) => x * alpha, wgsl: 'x * alpha', as: 'x * alpha', asVector: 'f32x4.mul(x, alpha)', test: { alpha: -2.5 } },
  /** x / alpha, rounded once (the autograd layer states its backward). */
  divide: { ref: (x, alpha) => x / alpha, wgsl: 'x / alpha', as: 'x / alpha', asVector: 'f32x4.div(x, alpha)', test: { alpha: 3 } },
  /** x + alpha (the autograd layer states its backward). */
  shift: { ref: (x, alpha) => x + alpha, wgsl: 'x + alpha', as: 'x + alpha', asVector: 'f32x4.add(x, alpha)', test: { alpha: 0.75 } },
  isnan: {
    ref: (x) => (Number.isNaN(x) ? 1 : 0), wgsl: 'select(0.0, 1.0, is_nan(x))', as: 'x != x ? <f32>1 : 0',
    asVector: 'v128.and(f32x4.ne(x, x), f32x4.splat(1))', nan: 'exact',
  },
  isfinite: {
    ref: (x) => (Number.isFinite(x) ? 1 : 0), wgsl: 'select(0.0, 1.0, is_finite(x))',
    as: 'Mathf.abs(x) < Infinity ? <f32>1 : 0', asVector: 'v128.and(f32x4.lt(f32x4.abs(x), f32x4.splat(Infinity)), f32x4.splat(1))',
    nan: 'exact',
  },
} satisfies Record<string, UnaryRow>;
