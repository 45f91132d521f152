// A row's max and sum of exponentials, as functions of (row, first, stride) over the elements first,
// first + stride, ... of row `row` of x [rows, cols]: shared by softmax.wgsl and cross_entropy.wgsl.

fn row_max(row: u32, first: u32, stride: u32) -> f32 {
  var m = reduce_init(REDUCE_MAX);
  for (var c = first; c < params.cols; c += stride) { m = max_nan(m, x[row * params.cols + c]); }
  return m;
}

fn row_exp_sum(row: u32, first: u32, stride: u32, m: f32) -> f32 {
  var s = 0.0;
  for (var c = first; c < params.cols; c += stride) { s += exp_shifted(x[row * params.cols + c] - m); }
  return s;
}

// The entry points of every kernel built on these: the family's source defines
// write_row(row, first, stride, m, total). One workgroup per row, combined by rows.wgsl's tree:
@compute @workgroup_size(WG)
fn row_workgroup(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                 @builtin(local_invocation_index) lid: u32) {
  let row = workgroup_index(wid, nwg);
  if (row >= params.rows) { return; }
  let m = workgroup_reduce(lid, row_max(row, lid, WG), REDUCE_MAX);
  let total = workgroup_reduce(lid, row_exp_sum(row, lid, WG, m), REDUCE_SUM);
  write_row(row, lid, WG, m, total);
}

// One invocation per row, no barriers (for CPU-emulated adapters, where barriers are costly):
@compute @workgroup_size(WG)
fn row_serial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
              @builtin(local_invocation_index) lid: u32) {
  let row = element_index(wid, nwg, lid);
  if (row >= params.rows) { return; }
  let m = row_max(row, 0u, 1u);
  write_row(row, 0u, 1u, m, row_exp_sum(row, 0u, 1u, m));
}
