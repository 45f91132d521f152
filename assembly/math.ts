// Scalar helpers the op table's AssemblyScript expressions use (bindings/op-table/), and the
// vector ones they share with other kernels.
export { exp1, exp4 } from './exp';
export { relu4 } from './simd';
import { exp1 } from './exp';

const SQRT_HALF: f32 = 0.70710678118654752;
const INV_SQRT_2PI: f32 = 0.39894228040143268;
const TWO_OVER_SQRT_PI: f32 = 1.1283791670955126;
const GELU_TANH_K: f32 = 0.79788456080286536;
const GELU_TANH_C: f32 = 0.044715;

// @ts-ignore: decorator
@inline export function sign1(x: f32): f32 {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

// @ts-ignore: decorator
@inline export function pow1(x: f32, e: f32): f32 {
  return Mathf.pow(x, e);
}

/** d(x^p)/dx, 0 for p = 0 (PyTorch's convention). */
// @ts-ignore: decorator
@inline export function powGrad1(x: f32, p: f32): f32 {
  return p == 0 ? 0 : p * Mathf.pow(x, p - 1);
}

/**
 * erfc by a Chebyshev-fitted exponential (fractional error below 1.2e-7 for every x), then f32
 * rounding; NaN gives NaN.
 */
export function erfc1(x: f32): f32 {
  const z = Mathf.abs(x);
  const t: f32 = 1 / (1 + 0.5 * z);
  const p: f32 = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * exp1(p - z * z);
  return x >= 0 ? r : x < 0 ? 2 - r : x;
}

/** erf: its Maclaurin series near 0 (where 1 - erfc would cancel), 1 - erfc elsewhere. */
export function erf1(x: f32): f32 {
  if (Mathf.abs(x) < 0.5) {
    const x2 = x * x;
    return TWO_OVER_SQRT_PI * x * (1 + x2 * (-1.0 / 3 + x2 * (0.1 + x2 * (-1.0 / 42 + x2 * (1.0 / 216 - x2 / 1320)))));
  }
  return 1 - erfc1(x);
}

/** Φ(x), from erfc on the side where it does not cancel. */
// @ts-ignore: decorator
@inline function normalCdf1(x: f32): f32 {
  return x >= 0 ? 1 - 0.5 * erfc1(x * SQRT_HALF) : 0.5 * erfc1(-x * SQRT_HALF);
}

export function gelu1(x: f32): f32 {
  return x * normalCdf1(x);
}

/** d/dx x·Φ(x) = Φ(x) + x·φ(x). */
export function geluGrad1(x: f32): f32 {
  return normalCdf1(x) + x * INV_SQRT_2PI * exp1(-0.5 * x * x);
}

export function geluTanh1(x: f32): f32 {
  return 0.5 * x * (1 + Mathf.tanh(GELU_TANH_K * (x + GELU_TANH_C * x * x * x)));
}

export function geluTanhGrad1(x: f32): f32 {
  const t = Mathf.tanh(GELU_TANH_K * (x + GELU_TANH_C * x * x * x));
  const s: f32 = 1 - t * t;
  // Where tanh saturates the second term is 0, even where x² would overflow.
  return 0.5 * (1 + t) + (s == 0 ? <f32>0 : 0.5 * x * s * GELU_TANH_K * (1 + 3 * GELU_TANH_C * x * x));
}
