// Gather and scatter-add along the middle axis of [outer, length, inner]; index(o, j, i) =
// index[o·s0 + j·s1 + i·s2]. gather: one invocation per output element, NaN for an index outside
// [0, length). scatter_add: one invocation per element of out, summing the source elements whose index
// points at it in (o, j, i) order (WGSL has no f32 atomics; this keeps the sum deterministic).

fn index_at(o: u32, j: u32, i: u32) -> i32 {
  let v = index[o * params.s0 + j * params.s1 + i * params.s2];
  let valid = v >= 0.0 && v < f32(params.length) && floor(v) == v;
  return select(-1, i32(v), valid);
}

@compute @workgroup_size(WG)
fn gather(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
          @builtin(local_invocation_index) lid: u32) {
  let t = element_index(wid, nwg, lid);
  if (t >= params.outer * params.count * params.inner) { return; }
  let i = t % params.inner;
  let j = (t / params.inner) % params.count;
  let o = t / (params.inner * params.count);
  let l = index_at(o, j, i);
  out[t] = select(nan_f32(), source[((o * params.length) + u32(max(l, 0))) * params.inner + i], l >= 0);
}

@compute @workgroup_size(WG)
fn scatter_add(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
               @builtin(local_invocation_index) lid: u32) {
  let t = element_index(wid, nwg, lid);
  if (t >= params.outer * params.length * params.inner) { return; }
  let i = t % params.inner;
  let l = i32((t / params.inner) % params.length);
  let o = t / (params.inner * params.length);
  var acc = out[t];
  for (var j = 0u; j < params.count; j++) {
    if (index_at(o, j, i) == l) { acc += source[(o * params.count + j) * params.inner + i]; }
  }
  out[t] = acc;
}
