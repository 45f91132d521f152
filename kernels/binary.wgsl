// out[i] = binary_op(a[ia], b[ib], alpha, beta) over a contiguous output; ia and ib come from i's
// coordinates and each input's strides (0 along a broadcast dimension). Needs strides.wgsl.
@compute @workgroup_size(WG)
fn binary(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
          @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i >= params.n) { return; }
  let coords = coordinates(i, params.shape);
  let ia = offset_of(coords, params.a_strides, params.a_offset);
  let ib = offset_of(coords, params.b_strides, params.b_offset);
  out[params.out_offset + i] = binary_op(a[ia], b[ib], params.alpha, params.beta);
}
