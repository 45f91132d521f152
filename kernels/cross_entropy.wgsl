// Fused log-sum-exp softmax cross-entropy over logits [rows, cols], one workgroup per row (or, in the
// *_serial entry points, one invocation per row without barriers, for CPU-emulated adapters):
//   loss[r] = log(sum exp(x - max)) + max - x[r, label[r]]
//   grad[r, c] = (softmax(x[r])[c] - (c == label[r])) * grad_scale   (cross_entropy_grad only)
// Labels are f32 class indices; a label that is not an integer in [0, cols) gives NaN loss and
// gradient, and is never used as an index. Specialisation constants: WG (a power of two).

struct Params {
  rows: u32,
  cols: u32,
  grad_scale: f32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> labels: array<f32>;
@group(0) @binding(3) var<storage, read_write> loss: array<f32>;
@group(0) @binding(4) var<storage, read_write> grad: array<f32>;

var<private> nan_bits: u32 = 0x7fc00000u;

struct RowStats {
  row_max: f32,
  total: f32,
  // the label as an index, or cols when the label is invalid
  label: u32,
}

fn checked_label(row: u32) -> u32 {
  let cols = params.cols;
  let label = labels[row];
  let valid = label >= 0.0 && label < f32(cols) && floor(label) == label;
  return select(cols, u32(label), valid);
}

fn row_stats(row: u32, lid: u32) -> RowStats {
  let cols = params.cols;
  let base = row * cols;
  var local_max = logits[base];
  for (var c = lid; c < cols; c += WG) { local_max = max(local_max, logits[base + c]); }
  let row_max = workgroup_max(lid, local_max);
  var local_sum = 0.0;
  for (var c = lid; c < cols; c += WG) { local_sum += exp(logits[base + c] - row_max); }
  let total = workgroup_sum(lid, local_sum);
  return RowStats(row_max, total, checked_label(row));
}

fn row_stats_serial(row: u32) -> RowStats {
  let cols = params.cols;
  let base = row * cols;
  var row_max = logits[base];
  for (var c = 1u; c < cols; c++) { row_max = max(row_max, logits[base + c]); }
  var total = 0.0;
  for (var c = 0u; c < cols; c++) { total += exp(logits[base + c] - row_max); }
  return RowStats(row_max, total, checked_label(row));
}

fn write_loss(row: u32, lid: u32, stats: RowStats) {
  if (lid != 0u) { return; }
  if (stats.label < params.cols) {
    loss[row] = (stats.row_max - logits[row * params.cols + stats.label]) + log(stats.total);
  } else {
    loss[row] = bitcast<f32>(nan_bits);
  }
}

// Writes columns first, first + stride, ... of the row's gradient.
fn write_grad(row: u32, first: u32, stride: u32, stats: RowStats) {
  let base = row * params.cols;
  let valid = stats.label < params.cols;
  for (var c = first; c < params.cols; c += stride) {
    let p = exp(logits[base + c] - stats.row_max) / stats.total;
    let g = (p - select(0.0, 1.0, c == stats.label)) * params.grad_scale;
    grad[base + c] = select(bitcast<f32>(nan_bits), g, valid);
  }
}

@compute @workgroup_size(WG)
fn cross_entropy(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                 @builtin(local_invocation_index) lid: u32) {
  let row = wid.y * nwg.x + wid.x;
  if (row >= params.rows) { return; }
  write_loss(row, lid, row_stats(row, lid));
}

@compute @workgroup_size(WG)
fn cross_entropy_grad(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                      @builtin(local_invocation_index) lid: u32) {
  let row = wid.y * nwg.x + wid.x;
  if (row >= params.rows) { return; }
  let stats = row_stats(row, lid);
  write_loss(row, lid, stats);
  write_grad(row, lid, WG, stats);
}

fn serial_row(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}

@compute @workgroup_size(WG)
fn cross_entropy_serial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                        @builtin(local_invocation_index) lid: u32) {
  let row = serial_row(wid, nwg, lid);
  if (row >= params.rows) { return; }
  write_loss(row, 0u, row_stats_serial(row));
}

@compute @workgroup_size(WG)
fn cross_entropy_grad_serial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                             @builtin(local_invocation_index) lid: u32) {
  let row = serial_row(wid, nwg, lid);
  if (row >= params.rows) { return; }
  let stats = row_stats_serial(row);
  write_loss(row, 0u, stats);
  write_grad(row, 0u, 1u, stats);
}
