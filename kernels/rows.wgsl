// Workgroup tree reductions shared by the row kernels (softmax, cross_entropy, reduce), concatenated
// before them. Every invocation of the workgroup calls them together and gets the result.
// Specialisation constants: WG (workgroup size, a power of two).

var<workgroup> partial: array<f32, WG>;

fn workgroup_max(lid: u32, value: f32) -> f32 {
  partial[lid] = value;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride >>= 1u) {
    if (lid < stride) { partial[lid] = max(partial[lid], partial[lid + stride]); }
    workgroupBarrier();
  }
  let result = partial[0];
  workgroupBarrier();
  return result;
}

fn workgroup_sum(lid: u32, value: f32) -> f32 {
  partial[lid] = value;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride >>= 1u) {
    if (lid < stride) { partial[lid] += partial[lid + stride]; }
    workgroupBarrier();
  }
  let result = partial[0];
  workgroupBarrier();
  return result;
}
