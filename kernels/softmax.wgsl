// Row softmax (or log-softmax when LOG) of x [rows, cols], max-subtracted: the write_row of
// row_stats.wgsl's entry points. A row whose max is NaN or ±Inf is NaN throughout, as in the reference.

fn write_row(row: u32, first: u32, stride: u32, m: f32, total: f32) {
  let finite = is_finite(m);
  let log_total = log(total);
  for (var c = first; c < params.cols; c += stride) {
    let at = row * params.cols + c;
    let shifted = x[at] - m;
    let value = select(exp_shifted(shifted) / total, shifted - log_total, LOG);
    out[at] = select(nan_f32(), value, finite);
  }
}
