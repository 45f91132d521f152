// Optimiser updates, in place (PyTorch semantics), one invocation per parameter element.
// SGD: g = grad + weight_decay·p; with MOMENTUM, v = momentum·v + g (state1) and g = v; p -= lr·g.
// ADAM: g as SGD's; bias-corrected first (state1) and second (state2) moments.
@compute @workgroup_size(WG)
fn optimizer_update(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                    @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i >= params.n) { return; }
  let p = param[i];
  var g = grad[i] + params.weight_decay * p;
  if (ADAM) {
    let m = params.beta1 * state1[i] + (1.0 - params.beta1) * g;
    let v = params.beta2 * state2[i] + (1.0 - params.beta2) * g * g;
    state1[i] = m;
    state2[i] = v;
    param[i] = p - (params.lr * (m / params.bias_correction1)) / (sqrt(v / params.bias_correction2) + params.eps);
    return;
  }
  if (MOMENTUM) {
    g = params.momentum * state1[i] + g;
    state1[i] = g;
  }
  param[i] = p - params.lr * g;
}
