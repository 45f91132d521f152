// Philox 4x32-10 (Salmon et al. 2011), bit-identical to bindings/cpu/philox.ts.
// WGSL has no 32x32->64 multiply, so the high word is built from 16-bit halves.

fn philox_mulhi(a: u32, b: u32) -> u32 {
  let ah = a >> 16u;
  let al = a & 0xffffu;
  let bh = b >> 16u;
  let bl = b & 0xffffu;
  let low_low = al * bl;
  let mid1 = ah * bl;
  let mid2 = al * bh;
  let carry = (low_low >> 16u) + (mid1 & 0xffffu) + (mid2 & 0xffffu);
  return ah * bh + (mid1 >> 16u) + (mid2 >> 16u) + (carry >> 16u);
}

fn philox4x32_10(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var round = 0u; round < 10u; round++) {
    if (round > 0u) {
      k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
    }
    let hi0 = philox_mulhi(0xd2511f53u, c.x);
    let lo0 = 0xd2511f53u * c.x;
    let hi1 = philox_mulhi(0xcd9e8d57u, c.z);
    let lo1 = 0xcd9e8d57u * c.z;
    c = vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
  }
  return c;
}
