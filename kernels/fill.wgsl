// out[i] = value.
@compute @workgroup_size(WG)
fn fill(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i < params.n) { out[i] = params.value; }
}
