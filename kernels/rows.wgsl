// The workgroup tree reduction shared by the row kernels (softmax, cross_entropy, reduce): every
// invocation of the workgroup calls it together and gets the result. op is a reduction of the op table
// (REDUCE_SUM, REDUCE_MAX, ...); WG is a power of two.

var<workgroup> partial: array<f32, WG>;

fn workgroup_reduce(lid: u32, value: f32, op: u32) -> f32 {
  partial[lid] = value;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride >>= 1u) {
    if (lid < stride) { partial[lid] = reduce_combine(op, partial[lid], partial[lid + stride]); }
    workgroupBarrier();
  }
  let result = partial[0];
  workgroupBarrier();
  return result;
}

// exp(d) for d = x - max <= 0, with -inf (and anything below f32's range) giving 0.
fn exp_shifted(d: f32) -> f32 {
  return exp(max(d, -104.0));
}
