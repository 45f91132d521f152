// Fused log-sum-exp softmax cross-entropy over logits [rows, cols]:
//   loss[r] = log(sum exp(x - max)) + max - x[r, label[r]]
//   grad[r, c] = (softmax(x[r])[c] - (c == label[r])) * grad_scale   (when GRAD)
// Labels are f32 class indices; a label that is not an integer in [0, cols), or a row whose max is NaN
// or ±Inf, gives NaN loss and gradient, and a label is never used as an index unchecked. This is the
// write_row of row_stats.wgsl's entry points.

// The label as an index, or cols when it is invalid or the row is not finite.
fn checked_label(row: u32, m: f32) -> u32 {
  let label = labels[row];
  let valid = label >= 0.0 && label < f32(params.cols) && floor(label) == label && is_finite(m);
  return select(params.cols, u32(label), valid);
}

fn write_row(row: u32, first: u32, stride: u32, m: f32, total: f32) {
  let label = checked_label(row, m);
  let valid = label < params.cols;
  let base = row * params.cols;
  if (first == 0u) {
    let picked = x[base + min(label, params.cols - 1u)];
    loss[row] = select(nan_f32(), (m - picked) + log(total), valid);
  }
  if (GRAD) {
    for (var c = first; c < params.cols; c += stride) {
      let p = exp_shifted(x[base + c] - m) / total;
      let g = (p - select(0.0, 1.0, c == label)) * params.grad_scale;
      grad[base + c] = select(nan_f32(), g, valid);
    }
  }
}
