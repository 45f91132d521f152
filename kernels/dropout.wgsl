// Inverted dropout: out[i] = keep(i) ? f32(x[i] * scale) : 0, keep(i) iff Philox word >= threshold.
// Element i uses counter (i >> 2, offset, 0, 0), key (seed_lo, seed_hi), word i & 3: one invocation per
// group of four elements. Needs philox.wgsl.
@compute @workgroup_size(WG)
fn dropout(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
           @builtin(local_invocation_index) lid: u32) {
  let group = element_index(wid, nwg, lid);
  let first = group * 4u;
  if (first >= params.n) { return; }
  let words = philox4x32_10(vec4<u32>(group, params.offset, 0u, 0u), vec2<u32>(params.seed_lo, params.seed_hi));
  for (var j = 0u; j < 4u; j++) {
    let i = first + j;
    if (i < params.n) {
      out[i] = select(0.0, x[i] * params.scale, words[j] >= params.threshold);
    }
  }
}
