// Helpers every kernel may use, concatenated after the generated header (bindings/webgpu/wgsl-builder.ts:
// constants, Params, bindings) and before the kernel's own source. WG is the workgroup size.

// Workgroups are laid out in up to three grid dimensions when one would exceed the device's limit;
// this is the linear index of the current one.
fn workgroup_index(wid: vec3<u32>, nwg: vec3<u32>) -> u32 {
  return wid.x + nwg.x * (wid.y + nwg.y * wid.z);
}

// One invocation per element: its linear index.
fn element_index(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return workgroup_index(wid, nwg) * WG + lid;
}

// NaN and infinity tests on the bits, which no floating-point assumption of the compiler can remove.
fn is_nan(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}

fn is_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) < 0x7f800000u;
}

// NaN and infinities from private variables: WGSL refuses them as constant expressions.
var<private> nan_bits: u32 = 0x7fc00000u;
var<private> infinity_bits: u32 = 0x7f800000u;

fn nan_f32() -> f32 {
  return bitcast<f32>(nan_bits);
}

fn infinity_f32() -> f32 {
  return bitcast<f32>(infinity_bits);
}

// max and min that return NaN when either operand is NaN (WGSL's builtins may return the other one).
fn max_nan(a: f32, b: f32) -> f32 {
  return select(max(a, b), nan_f32(), is_nan(a) || is_nan(b));
}

fn min_nan(a: f32, b: f32) -> f32 {
  return select(min(a, b), nan_f32(), is_nan(a) || is_nan(b));
}

// Neither operand is NaN (a comparison is false otherwise), and its complement.
fn ordered(a: f32, b: f32) -> bool {
  return !is_nan(a) && !is_nan(b);
}

fn unordered(a: f32, b: f32) -> bool {
  return is_nan(a) || is_nan(b);
}

// 0 for 0 and NaN.
fn sign_op(x: f32) -> f32 {
  return select(select(select(0.0, -1.0, x < 0.0), 1.0, x > 0.0), 0.0, is_nan(x));
}

// sin and cos, accurate to about 1e-7 for |x| up to 1e4 (WGSL's builtins promise only 2^-11): x reduced
// by multiples of π/2 in three parts (Cody and Waite), then Taylor polynomials on [-π/4, π/4].
fn sin_cos_op(x: f32) -> vec2<f32> {
  let q = round(x * 0.63661977236758134);
  let r = ((x - q * 1.5703125) - q * 4.837512969970703125e-4) - q * 7.54978995489188216e-8;
  let r2 = r * r;
  let s = r + r * r2 * (-0.16666666666666666 + r2 * (0.0083333333333333332 + r2 * (-0.00019841269841269841 + r2 * 2.7557319223985893e-6)));
  let c = 1.0 + r2 * (-0.5 + r2 * (0.041666666666666664 + r2 * (-0.0013888888888888889 + r2 * 2.4801587301587302e-5)));
  let quadrant = i32(q - 4.0 * floor(q * 0.25));
  switch quadrant {
    case 1: { return vec2<f32>(c, -s); }
    case 2: { return vec2<f32>(-s, -c); }
    case 3: { return vec2<f32>(-c, s); }
    default: { return vec2<f32>(s, c); }
  }
}

fn sin_op(x: f32) -> f32 {
  return sin_cos_op(x).x;
}

fn cos_op(x: f32) -> f32 {
  return sin_cos_op(x).y;
}

// x ** e with JavaScript's special cases (Math.pow, the reference; WGSL's pow is defined for x > 0 only):
// x ** 0 is 1, NaN anywhere else gives NaN, so does (±1) ** ±Inf; a negative base needs an integer
// exponent unless it or the exponent is infinite.
fn pow_op(x: f32, e: f32) -> f32 {
  if (e == 0.0) { return 1.0; }
  let infinite_e = !is_finite(e);
  if (unordered(x, e) || (infinite_e && abs(x) == 1.0)) { return nan_f32(); }
  let magnitude = select(pow(abs(x), e), select(0.0, infinity_f32(), e < 0.0), x == 0.0);
  if (x < 0.0 || (x == 0.0 && (bitcast<u32>(x) >> 31u) == 1u)) {
    let integer = infinite_e || fract(e) == 0.0;
    if (!integer && is_finite(x) && x != 0.0) { return nan_f32(); }
    return select(magnitude, -magnitude, !infinite_e && integer && fract(e * 0.5) != 0.0);
  }
  return magnitude;
}

// e^x, 0 where f32's result would be 0 or subnormal (WGSL's exp of -inf need not be 0).
fn exp_op(x: f32) -> f32 {
  return select(exp(x), 0.0, x < -103.97);
}

// Natural log: -Inf at 0 and NaN below it (WGSL's log is undefined there).
fn log_op(x: f32) -> f32 {
  return select(select(log(x), -infinity_f32(), x == 0.0), nan_f32(), x < 0.0);
}

fn pow_grad_op(x: f32, p: f32) -> f32 {
  return select(p * pow_op(x, p - 1.0), 0.0, p == 0.0);
}

fn tanh_op(x: f32) -> f32 {
  // 1 - 2 / (e^{2|x|} + 1) stays finite for any |x| (e^{2|x|} may overflow to inf, giving 1).
  let t = 1.0 - 2.0 / (exp(2.0 * abs(x)) + 1.0);
  return select(t, -t, x < 0.0);
}

// erfc by a Chebyshev-fitted exponential (fractional error below 1.2e-7 before f32 rounding).
fn erfc_op(x: f32) -> f32 {
  let z = abs(x);
  let t = 1.0 / (1.0 + 0.5 * z);
  let p = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  let r = t * exp(p - z * z);
  return select(r, 2.0 - r, x < 0.0);
}

// erf: its Maclaurin series near 0, where 1 - erfc would cancel.
fn erf_op(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    let x2 = x * x;
    return 1.1283791670955126 * x * (1.0 + x2 * (-1.0 / 3.0 + x2 * (0.1 + x2 * (-1.0 / 42.0 + x2 * (1.0 / 216.0 - x2 / 1320.0)))));
  }
  return 1.0 - erfc_op(x);
}

// The standard normal distribution function, from erfc on the side where it does not cancel.
fn normal_cdf(x: f32) -> f32 {
  return select(0.5 * erfc_op(-x * 0.70710678118654752), 1.0 - 0.5 * erfc_op(x * 0.70710678118654752), x >= 0.0);
}

fn gelu_op(x: f32) -> f32 {
  return x * normal_cdf(x);
}

fn gelu_grad_op(x: f32) -> f32 {
  return normal_cdf(x) + x * 0.39894228040143268 * exp(-0.5 * x * x);
}

fn gelu_tanh_op(x: f32) -> f32 {
  return 0.5 * x * (1.0 + tanh_op(0.79788456080286536 * (x + 0.044715 * x * x * x)));
}

fn gelu_tanh_grad_op(x: f32) -> f32 {
  let t = tanh_op(0.79788456080286536 * (x + 0.044715 * x * x * x));
  let s = 1.0 - t * t;
  // Where tanh saturates the second term is 0, even where x² would overflow.
  return 0.5 * (1.0 + t) + select(0.5 * x * s * 0.79788456080286536 * (1.0 + 3.0 * 0.044715 * x * x), 0.0, s == 0.0);
}
