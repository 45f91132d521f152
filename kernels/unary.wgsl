// out[i] = unary_op(x[i], alpha, beta): the op table's expression for the op the pipeline was built for.
@compute @workgroup_size(WG)
fn unary(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
         @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i < params.n) { out[i] = unary_op(x[i], params.alpha, params.beta); }
}
