/**
 * f64 special functions for the reference rows of the op table. Written independently of the f32
 * approximations the kernels use (assembly/math.ts, kernels/prelude.wgsl), so that the reference
 * checks them rather than repeating them.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** erf by its Maclaurin series (|x| < 3) or 1 − erfc (|x| >= 3); about 1e-14 absolute. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) >= 3) return Math.sign(x) * (1 - erfc(Math.abs(x)));
  let term = x, total = x;
  const x2 = x * x;
  for (let n = 1; n < 80; n++) {
    term *= -x2 / n;
    const next = term / (2 * n + 1);
    total += next;
    if (Math.abs(next) < 1e-17 * Math.abs(total)) break;
  }
  return TWO_OVER_SQRT_PI * total;
}

/** erfc, with a continued fraction (Lentz) for x >= 3 where 1 − erf would cancel. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 3) return 1 - erf(x);
  if (x > 27) return 0;
  // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x, c = x, d = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** The standard normal distribution function Φ, accurate in both tails. */
export function normalCdf(x: number): number {
  return x >= 0 ? 1 - 0.5 * erfc(x / Math.SQRT2) : 0.5 * erfc(-x / Math.SQRT2);
}

/** The standard normal density φ. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** √(2/π), the constant of GELU's tanh form. */
export const GELU_TANH_K = Math.sqrt(2 / Math.PI);
export const GELU_TANH_C = 0.044715;

export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(GELU_TANH_K * (x + GELU_TANH_C * x * x * x)));
}

/** Where tanh saturates (x = ±Inf included) the derivative is exactly 1 or 0. */
export function geluTanhGrad(x: number): number {
  const t = Math.tanh(GELU_TANH_K * (x + GELU_TANH_C * x * x * x));
  const s = 1 - t * t;
  return 0.5 * (1 + t) + (s === 0 ? 0 : 0.5 * x * s * GELU_TANH_K * (1 + 3 * GELU_TANH_C * x * x));
}

/** Math.pow with PyTorch's gradient convention: the derivative of x^0 is 0 everywhere. */
export function powGrad(x: number, p: number): number {
  return p === 0 ? 0 : p * Math.pow(x, p - 1);
}
