// Optimiser updates, in place (PyTorch semantics).
// sgd: p -= lr * (g + wd * p); sgd_momentum: v = momentum * v + (g + wd * p); p -= lr * v.
// adam: L2 weight decay added to the gradient, bias-corrected moments.
// Specialisation constants: WG (workgroup size).

struct Params {
  n: u32,
  lr: f32,
  weight_decay: f32,
  momentum: f32,
  beta1: f32,
  beta2: f32,
  eps: f32,
  bias_correction1: f32,
  bias_correction2: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> param: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
// velocity for sgd_momentum, first moment for adam
@group(0) @binding(3) var<storage, read_write> state1: array<f32>;
// second moment for adam
@group(0) @binding(4) var<storage, read_write> state2: array<f32>;

fn element_index(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}

@compute @workgroup_size(WG)
fn sgd(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
       @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i >= params.n) { return; }
  let p = param[i];
  param[i] = p - params.lr * (grad[i] + params.weight_decay * p);
}

@compute @workgroup_size(WG)
fn sgd_momentum(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i >= params.n) { return; }
  let p = param[i];
  let v = params.momentum * state1[i] + (grad[i] + params.weight_decay * p);
  state1[i] = v;
  param[i] = p - params.lr * v;
}

@compute @workgroup_size(WG)
fn adam(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i >= params.n) { return; }
  let p = param[i];
  let g = grad[i] + params.weight_decay * p;
  let m = params.beta1 * state1[i] + (1.0 - params.beta1) * g;
  let v = params.beta2 * state2[i] + (1.0 - params.beta2) * g * g;
  state1[i] = m;
  state2[i] = v;
  let m_hat = m / params.bias_correction1;
  let v_hat = v / params.bias_correction2;
  param[i] = p - (params.lr * m_hat) / (sqrt(v_hat) + params.eps);
}
