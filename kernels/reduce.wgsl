// Reductions over x viewed as [outer, length, inner].
// sum_rows (inner == 1): one workgroup per output, strided partial sums and a workgroup tree reduction (rows.wgsl).
// sum_columns: one invocation per output (o, i), summing down its column.
// argmax: one workgroup per row of [rows = outer, cols = length], pairing rows.wgsl's `partial` with
// `partial_indices`; the first maximum wins.
// argmax_serial: one invocation per row, no barriers (for CPU-emulated adapters).
// Specialisation constants: WG (workgroup size, a power of two).

struct Params {
  outer: u32,
  length: u32,
  inner: u32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

var<workgroup> partial_indices: array<u32, WG>;

@compute @workgroup_size(WG)
fn sum_rows(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
            @builtin(local_invocation_index) lid: u32) {
  let row = wid.y * nwg.x + wid.x;
  if (row >= params.outer) { return; }
  let base = row * params.length;
  var acc = 0.0;
  for (var l = lid; l < params.length; l += WG) { acc += x[base + l]; }
  let total = workgroup_sum(lid, acc);
  if (lid == 0u) { out[row] = total; }
}

@compute @workgroup_size(WG)
fn sum_columns(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
               @builtin(local_invocation_index) lid: u32) {
  let t = (wid.y * nwg.x + wid.x) * WG + lid;
  if (t >= params.outer * params.inner) { return; }
  let o = t / params.inner;
  let i = t % params.inner;
  var index = o * params.length * params.inner + i;
  var acc = 0.0;
  for (var l = 0u; l < params.length; l++) {
    acc += x[index];
    index += params.inner;
  }
  out[t] = acc;
}

@compute @workgroup_size(WG)
fn argmax(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
          @builtin(local_invocation_index) lid: u32) {
  let row = wid.y * nwg.x + wid.x;
  if (row >= params.outer) { return; }
  let cols = params.length;
  let base = row * cols;
  var best_value = x[base];
  var best_index = 0u;
  for (var c = lid; c < cols; c += WG) {
    let v = x[base + c];
    if (v > best_value) {
      best_value = v;
      best_index = c;
    }
  }
  partial[lid] = best_value;
  partial_indices[lid] = best_index;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride >>= 1u) {
    if (lid < stride) {
      let v = partial[lid + stride];
      let index = partial_indices[lid + stride];
      let mine = partial[lid];
      if (v > mine || (v == mine && index < partial_indices[lid])) {
        partial[lid] = v;
        partial_indices[lid] = index;
      }
    }
    workgroupBarrier();
  }
  if (lid == 0u) { out[row] = f32(partial_indices[0]); }
}

@compute @workgroup_size(WG)
fn argmax_serial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                 @builtin(local_invocation_index) lid: u32) {
  let row = (wid.y * nwg.x + wid.x) * WG + lid;
  if (row >= params.outer) { return; }
  let cols = params.length;
  let base = row * cols;
  var best_value = x[base];
  var best_index = 0u;
  for (var c = 1u; c < cols; c++) {
    let v = x[base + c];
    if (v > best_value) {
      best_value = v;
      best_index = c;
    }
  }
  out[row] = f32(best_index);
}
