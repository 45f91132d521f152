// Reductions of x viewed as [outer, length, inner] along the middle axis. Each body is a function of
// (output, first, stride) — the elements first, first + stride, ... of its run — called by a workgroup
// entry point (one workgroup per output, inner = 1, combined by rows.wgsl's tree) and a serial one (one
// invocation per output). OP is the reduction (the op table's code); ARG_MAX chooses argmax or argmin.

fn element(o: u32, l: u32, i: u32) -> f32 {
  return x[(o * params.length + l) * params.inner + i];
}

fn partial_reduce(output: u32, first: u32, stride: u32) -> f32 {
  let o = output / params.inner;
  let i = output % params.inner;
  var acc = reduce_init(OP);
  for (var l = first; l < params.length; l += stride) { acc = reduce_combine(OP, acc, element(o, l, i)); }
  return acc;
}

@compute @workgroup_size(WG)
fn reduce_rows(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
               @builtin(local_invocation_index) lid: u32) {
  let output = workgroup_index(wid, nwg);
  if (output >= params.outer) { return; }
  let total = workgroup_reduce(lid, partial_reduce(output, lid, WG), OP);
  if (lid == 0u) { out[output] = total; }
}

@compute @workgroup_size(WG)
fn reduce_serial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                 @builtin(local_invocation_index) lid: u32) {
  let output = element_index(wid, nwg, lid);
  if (output >= params.outer * params.inner) { return; }
  out[output] = partial_reduce(output, 0u, 1u);
}

// (value, index) of the extreme: the first NaN, else the largest (ARG_MAX) or smallest, first on ties.
struct Extreme {
  value: f32,
  index: u32,
}

fn better(a: Extreme, b: Extreme) -> Extreme {
  let a_nan = is_nan(a.value);
  let b_nan = is_nan(b.value);
  if (a_nan || b_nan) {
    if (a_nan && (!b_nan || a.index < b.index)) { return a; }
    return b;
  }
  let wins = select((b.value < a.value), (b.value > a.value), ARG_MAX);
  if (wins || (b.value == a.value && b.index < a.index)) { return b; }
  return a;
}

fn partial_extreme(output: u32, first: u32, stride: u32) -> Extreme {
  let o = output / params.inner;
  let i = output % params.inner;
  var best = Extreme(element(o, min(first, params.length - 1u), i), min(first, params.length - 1u));
  for (var l = first; l < params.length; l += stride) { best = better(best, Extreme(element(o, l, i), l)); }
  return best;
}

var<workgroup> partial_index: array<u32, WG>;

@compute @workgroup_size(WG)
fn arg_reduce_rows(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                   @builtin(local_invocation_index) lid: u32) {
  let output = workgroup_index(wid, nwg);
  if (output >= params.outer) { return; }
  let mine = partial_extreme(output, lid, WG);
  partial[lid] = mine.value;
  partial_index[lid] = mine.index;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride >>= 1u) {
    if (lid < stride) {
      let best = better(Extreme(partial[lid], partial_index[lid]), Extreme(partial[lid + stride], partial_index[lid + stride]));
      partial[lid] = best.value;
      partial_index[lid] = best.index;
    }
    workgroupBarrier();
  }
  if (lid == 0u) { out[output] = f32(partial_index[0]); }
}

@compute @workgroup_size(WG)
fn arg_reduce_serial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                     @builtin(local_invocation_index) lid: u32) {
  let output = element_index(wid, nwg, lid);
  if (output >= params.outer * params.inner) { return; }
  out[output] = f32(partial_extreme(output, 0u, 1u).index);
}
