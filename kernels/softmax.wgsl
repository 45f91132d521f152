// Row softmax / log-softmax of x [rows, cols], max-subtracted.
// softmax: one workgroup per row, workgroup tree reductions (rows.wgsl) for the max and the sum of exponentials.
// softmax_serial: one invocation per row, no barriers (for CPU-emulated adapters, where barriers are
// costly thread switches).
// Specialisation constants: WG (workgroup size, a power of two), LOG (log-softmax when true).

struct Params {
  rows: u32,
  cols: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn softmax(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
           @builtin(local_invocation_index) lid: u32) {
  let row = wid.y * nwg.x + wid.x;
  if (row >= params.rows) { return; }
  let cols = params.cols;
  let base = row * cols;
  var local_max = x[base];
  for (var c = lid; c < cols; c += WG) { local_max = max(local_max, x[base + c]); }
  let row_max = workgroup_max(lid, local_max);
  var local_sum = 0.0;
  for (var c = lid; c < cols; c += WG) { local_sum += exp(x[base + c] - row_max); }
  let total = workgroup_sum(lid, local_sum);
  let log_total = log(total);
  for (var c = lid; c < cols; c += WG) {
    let shifted = x[base + c] - row_max;
    if (LOG) {
      out[base + c] = shifted - log_total;
    } else {
      out[base + c] = exp(shifted) / total;
    }
  }
}

@compute @workgroup_size(WG)
fn softmax_serial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                  @builtin(local_invocation_index) lid: u32) {
  let row = (wid.y * nwg.x + wid.x) * WG + lid;
  if (row >= params.rows) { return; }
  let cols = params.cols;
  let base = row * cols;
  var row_max = x[base];
  for (var c = 1u; c < cols; c++) { row_max = max(row_max, x[base + c]); }
  var total = 0.0;
  for (var c = 0u; c < cols; c++) { total += exp(x[base + c] - row_max); }
  let log_total = log(total);
  for (var c = 0u; c < cols; c++) {
    let shifted = x[base + c] - row_max;
    if (LOG) {
      out[base + c] = shifted - log_total;
    } else {
      out[base + c] = exp(shifted) / total;
    }
  }
}
