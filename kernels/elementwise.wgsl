// Elementwise kernels: fill, unary ops, broadcast binary ops.
// Specialisation constants prepended at pipeline creation: WG (workgroup size), OP (op code).
// One invocation per element; the grid may be 2-D when there are more than 65535 workgroups.

struct Params {
  n: u32,
  // unary alpha, or the fill value
  alpha: f32,
  _pad0: u32,
  _pad1: u32,
  shape: vec4<u32>,
  a_strides: vec4<u32>,
  b_strides: vec4<u32>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;

var<private> nan_bits: u32 = 0x7fc00000u;

fn element_index(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}

fn pow_op(x: f32, e: f32) -> f32 {
  if (e == 0.0) { return 1.0; }
  let magnitude = pow(abs(x), e);
  if (x < 0.0) {
    if (fract(e) != 0.0) { return bitcast<f32>(nan_bits); }
    return select(magnitude, -magnitude, fract(e * 0.5) != 0.0);
  }
  return magnitude;
}

fn tanh_op(x: f32) -> f32 {
  // 1 - 2 / (e^{2|x|} + 1) stays finite for any |x| (e^{2|x|} may overflow to inf, giving 1).
  let t = 1.0 - 2.0 / (exp(2.0 * abs(x)) + 1.0);
  return select(t, -t, x < 0.0);
}

// Op codes follow UNARY_OPS in bindings/backend.ts.
fn unary_op(x: f32, alpha: f32) -> f32 {
  switch OP {
    case 0u: { return -x; }
    case 1u: { return exp(x); }
    case 2u: { return log(x); }
    case 3u: { return sqrt(x); }
    case 4u: { return abs(x); }
    case 5u: { return 1.0 / (1.0 + exp(-x)); }
    case 6u: { return tanh_op(x); }
    case 7u: { return select(0.0, x, x > 0.0); }
    case 8u: { return x * x; }
    case 9u: { return 1.0 / x; }
    case 10u: { return pow_op(x, alpha); }
    case 11u: { return x * alpha; }
    case 12u: { return x + alpha; }
    default: { return x; }
  }
}

// Op codes follow BINARY_OPS in bindings/backend.ts. max/min keep a when a is NaN, like the reference.
fn binary_op(x: f32, y: f32) -> f32 {
  switch OP {
    case 0u: { return x + y; }
    case 1u: { return x - y; }
    case 2u: { return x * y; }
    case 3u: { return x / y; }
    case 4u: { return select(y, x, x >= y || x != x); }
    case 5u: { return select(y, x, x <= y || x != x); }
    case 6u: { return select(0.0, 1.0, x == y); }
    default: { return x; }
  }
}

@compute @workgroup_size(WG)
fn fill(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i < params.n) { out[i] = params.alpha; }
}

@compute @workgroup_size(WG)
fn unary(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
         @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i < params.n) { out[i] = unary_op(a[i], params.alpha); }
}

@compute @workgroup_size(WG)
fn binary(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
          @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i >= params.n) { return; }
  let s = params.shape;
  let i3 = i % s.w;
  let t2 = i / s.w;
  let i2 = t2 % s.z;
  let t1 = t2 / s.z;
  let i1 = t1 % s.y;
  let i0 = t1 / s.y;
  let index = vec4<u32>(i0, i1, i2, i3);
  let ia = dot(index, params.a_strides);
  let ib = dot(index, params.b_strides);
  out[i] = binary_op(a[ia], b[ib]);
}
