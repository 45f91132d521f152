// out[out_offset + Σ c·out_strides] = x[in_offset + Σ c·in_strides] for every coordinate c of the shape:
// transposes, slices, expansions, flips, and concatenation into an offset. Needs strides.wgsl.
@compute @workgroup_size(WG)
fn strided_copy(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                @builtin(local_invocation_index) lid: u32) {
  let i = element_index(wid, nwg, lid);
  if (i >= params.n) { return; }
  let coords = coordinates(i, params.shape);
  out[offset_of(coords, params.out_strides, params.out_offset)] = x[offset_of(coords, params.in_strides, params.in_offset)];
}
