// Element offsets of a linear index within a (collapsed) shape of RANK dimensions, for operands given by
// their strides: the index space of binary.wgsl and strided_copy.wgsl. RANK (1 to 8) is a
// specialisation constant; shapes and strides are uniform arrays of two vec4s.

fn dim_of(v: array<vec4<u32>, 2>, d: u32) -> u32 {
  return v[d >> 2u][d & 3u];
}

fn stride_of(v: array<vec4<i32>, 2>, d: u32) -> i32 {
  return v[d >> 2u][d & 3u];
}

// Coordinates of linear index i, last dimension fastest.
fn coordinates(i: u32, shape: array<vec4<u32>, 2>) -> array<u32, 8> {
  var coords: array<u32, 8>;
  var rest = i;
  for (var d = RANK; d > 0u; d--) {
    let size = dim_of(shape, d - 1u);
    coords[d - 1u] = rest % size;
    rest = rest / size;
  }
  return coords;
}

fn offset_of(coords: array<u32, 8>, strides: array<vec4<i32>, 2>, base: u32) -> u32 {
  var at = i32(base);
  for (var d = 0u; d < RANK; d++) { at += i32(coords[d]) * stride_of(strides, d); }
  return u32(at);
}
