// C[M, N] = op(A) · op(B) (+ bias) (then ReLU), op = optional transpose of the stored matrix.
// A is stored [M, K] (or [K, M] when TRANS_A), B [K, N] (or [N, K] when TRANS_B).
//
// Each workgroup computes a TM x TN tile of C, stepping through K in slices of TK staged in workgroup
// memory; each invocation computes a 4 x 4 block of outputs from vec4 registers. Transposes are
// absorbed by the tile loads. A and B are bound as arrays of vec4 (buffer sizes are multiples of 16
// bytes); when the contiguous dimension of an operand is a multiple of 4 (A_VEC, B_VEC), its tile loads
// are whole vec4s, otherwise single elements. Every load and store is bounds-checked, so any M, N, K work.
//
// A batch of products runs as one grid: workgroup b·(tiles of one C) + t computes tile t of C[b], with A
// and B advanced by their batch strides (0 shares one matrix). Specialisation constants: TM, TN, TK
// (multiples of 4; (TM / 4) * (TN / 4) invocations), TRANS_A, TRANS_B, A_VEC, B_VEC, HAS_BIAS, RELU.

const WX = TN / 4u;
const WY = TM / 4u;
const THREADS = WX * WY;

// a_tile[kk * (TM / 4) + mm / 4][mm % 4] = op(A)[tile row mm, k0 + kk]; likewise b_tile with columns.
var<workgroup> a_tile: array<vec4<f32>, TK * TM / 4u>;
var<workgroup> b_tile: array<vec4<f32>, TK * TN / 4u>;

// Element offsets of the current product's A and B (set by the entry point from the batch index).
var<private> a_base: u32;
var<private> b_base: u32;

fn a_scalar(index: u32) -> f32 {
  let at = a_base + index;
  return a[at >> 2u][at & 3u];
}

fn b_scalar(index: u32) -> f32 {
  let at = b_base + index;
  return b[at >> 2u][at & 3u];
}

// Which tile of which product this workgroup computes: (tile column, tile row, batch).
fn tile_of(linear: u32) -> vec3<u32> {
  let tiles_n = (params.n + TN * CB - 1u) / (TN * CB);
  let tiles_m = (params.m + TM * RB - 1u) / (TM * RB);
  return vec3<u32>(linear % tiles_n, (linear / tiles_n) % tiles_m, linear / (tiles_n * tiles_m));
}

fn set_batch(batch: u32) {
  a_base = batch * params.a_stride;
  b_base = batch * params.b_stride;
  c_base = batch * params.m * params.n;
}

var<private> c_base: u32;

// Four elements of stored A starting at (row, col) along its contiguous dimension, zero outside.
fn load_a4(row: u32, col: u32, rows: u32, cols: u32) -> vec4<f32> {
  if (row >= rows) { return vec4<f32>(0.0); }
  let index = row * cols + col;
  if (A_VEC) {
    return select(vec4<f32>(0.0), a[(a_base + index) >> 2u], col < cols);
  }
  var v = vec4<f32>(0.0);
  for (var j = 0u; j < 4u; j++) {
    if (col + j < cols) { v[j] = a_scalar(index + j); }
  }
  return v;
}

fn load_b4(row: u32, col: u32, rows: u32, cols: u32) -> vec4<f32> {
  if (row >= rows) { return vec4<f32>(0.0); }
  let index = row * cols + col;
  if (B_VEC) {
    return select(vec4<f32>(0.0), b[(b_base + index) >> 2u], col < cols);
  }
  var v = vec4<f32>(0.0);
  for (var j = 0u; j < 4u; j++) {
    if (col + j < cols) { v[j] = b_scalar(index + j); }
  }
  return v;
}

fn load_a_tile(lid: u32, row0: u32, k0: u32) {
  let m = params.m;
  let k = params.k;
  for (var q = lid; q < TK * TM / 4u; q += THREADS) {
    if (TRANS_A) {
      // stored [K, M]: a row of the slice is contiguous along m
      let kk = q / (TM / 4u);
      let mc = q % (TM / 4u);
      a_tile[q] = load_a4(k0 + kk, row0 + mc * 4u, k, m);
    } else {
      // stored [M, K]: four consecutive k of one row, scattered into four tile rows
      let mm = q / (TK / 4u);
      let kc = q % (TK / 4u);
      let v = load_a4(row0 + mm, k0 + kc * 4u, m, k);
      for (var j = 0u; j < 4u; j++) {
        a_tile[(kc * 4u + j) * (TM / 4u) + mm / 4u][mm % 4u] = v[j];
      }
    }
  }
}

fn load_b_tile(lid: u32, col0: u32, k0: u32) {
  let n = params.n;
  let k = params.k;
  for (var q = lid; q < TK * TN / 4u; q += THREADS) {
    if (TRANS_B) {
      // stored [N, K]: four consecutive k of one column, scattered into four tile rows
      let nn = q / (TK / 4u);
      let kc = q % (TK / 4u);
      let v = load_b4(col0 + nn, k0 + kc * 4u, n, k);
      for (var j = 0u; j < 4u; j++) {
        b_tile[(kc * 4u + j) * (TN / 4u) + nn / 4u][nn % 4u] = v[j];
      }
    } else {
      let kk = q / (TN / 4u);
      let nc = q % (TN / 4u);
      b_tile[q] = load_b4(k0 + kk, col0 + nc * 4u, k, n);
    }
  }
}

@compute @workgroup_size(WX, WY)
fn matmul(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
          @builtin(local_invocation_id) local: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let tile = tile_of(workgroup_index(wid, nwg));
  if (tile.z >= params.batch) { return; }
  set_batch(tile.z);
  let row0 = tile.y * TM;
  let col0 = tile.x * TN;
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < params.k; k0 += TK) {
    load_a_tile(lid, row0, k0);
    load_b_tile(lid, col0, k0);
    workgroupBarrier();
    for (var kk = 0u; kk < TK; kk++) {
      let av = a_tile[kk * (TM / 4u) + local.y];
      let bv = b_tile[kk * (TN / 4u) + local.x];
      acc[0] += av.x * bv;
      acc[1] += av.y * bv;
      acc[2] += av.z * bv;
      acc[3] += av.w * bv;
    }
    workgroupBarrier();
  }
  let m = params.m;
  let n = params.n;
  for (var r = 0u; r < 4u; r++) {
    let row = row0 + local.y * 4u + r;
    if (row >= m) { break; }
    for (var j = 0u; j < 4u; j++) {
      let col = col0 + local.x * 4u + j;
      if (col < n) {
        c[c_base + row * n + col] = epilogue(acc[r][j], col);
      }
    }
  }
}

// Register-blocked product without workgroup memory: each invocation owns a 4 x 4 block of C and
// walks K four at a time, as 4 x 4 matrix products. Blocks fully inside C take unchecked loads for
// the multiple-of-4 part of K; edge blocks and the K remainder take bounds-checked loads.
// (Faster where workgroup barriers are expensive, e.g. CPU emulation of WebGPU.)

// Four elements of stored A (or B) from `index` on, without bounds checks.
fn a_at4(index: u32) -> vec4<f32> {
  if (A_VEC) { return a[(a_base + index) >> 2u]; }
  return vec4<f32>(a_scalar(index), a_scalar(index + 1u), a_scalar(index + 2u), a_scalar(index + 3u));
}

fn b_at4(index: u32) -> vec4<f32> {
  if (B_VEC) { return b[(b_base + index) >> 2u]; }
  return vec4<f32>(b_scalar(index), b_scalar(index + 1u), b_scalar(index + 2u), b_scalar(index + 3u));
}

// Column r is op(A)[row0 + r, k0..k0+3], every element in range.
fn a_rows(row0: u32, k0: u32) -> mat4x4<f32> {
  if (TRANS_A) {
    let m = params.m;
    let i = k0 * m + row0;
    return transpose(mat4x4<f32>(a_at4(i), a_at4(i + m), a_at4(i + 2u * m), a_at4(i + 3u * m)));
  }
  let k = params.k;
  let i = row0 * k + k0;
  return mat4x4<f32>(a_at4(i), a_at4(i + k), a_at4(i + 2u * k), a_at4(i + 3u * k));
}

// The same, zero outside op(A).
fn a_rows_checked(row0: u32, k0: u32) -> mat4x4<f32> {
  let m = params.m;
  let k = params.k;
  if (TRANS_A) {
    return transpose(mat4x4<f32>(load_a4(k0, row0, k, m), load_a4(k0 + 1u, row0, k, m),
                                 load_a4(k0 + 2u, row0, k, m), load_a4(k0 + 3u, row0, k, m)));
  }
  return mat4x4<f32>(load_a4(row0, k0, m, k), load_a4(row0 + 1u, k0, m, k),
                     load_a4(row0 + 2u, k0, m, k), load_a4(row0 + 3u, k0, m, k));
}

// Column j is op(B)[k0 + j, col0..col0+3], every element in range.
fn b_rows(k0: u32, col0: u32) -> mat4x4<f32> {
  if (TRANS_B) {
    let k = params.k;
    let i = col0 * k + k0;
    return transpose(mat4x4<f32>(b_at4(i), b_at4(i + k), b_at4(i + 2u * k), b_at4(i + 3u * k)));
  }
  let n = params.n;
  let i = k0 * n + col0;
  return mat4x4<f32>(b_at4(i), b_at4(i + n), b_at4(i + 2u * n), b_at4(i + 3u * n));
}

fn b_rows_checked(k0: u32, col0: u32) -> mat4x4<f32> {
  let n = params.n;
  let k = params.k;
  if (TRANS_B) {
    return transpose(mat4x4<f32>(load_b4(col0, k0, n, k), load_b4(col0 + 1u, k0, n, k),
                                 load_b4(col0 + 2u, k0, n, k), load_b4(col0 + 3u, k0, n, k)));
  }
  return mat4x4<f32>(load_b4(k0, col0, k, n), load_b4(k0 + 1u, col0, k, n),
                     load_b4(k0 + 2u, col0, k, n), load_b4(k0 + 3u, col0, k, n));
}

// The bias, then ReLU (NaN passes, as in PyTorch).
fn epilogue(value: f32, col: u32) -> f32 {
  var v = value;
  if (HAS_BIAS) { v += bias[col]; }
  if (RELU) { v = select(v, 0.0, v < 0.0); }
  return v;
}

fn store_block(row0: u32, col0: u32, block: mat4x4<f32>) {
  let m = params.m;
  let n = params.n;
  for (var r = 0u; r < 4u; r++) {
    let row = row0 + r;
    if (row >= m) { break; }
    for (var j = 0u; j < 4u; j++) {
      let col = col0 + j;
      if (col < n) {
        c[c_base + row * n + col] = epilogue(block[r][j], col);
      }
    }
  }
}

// Each invocation owns RB x CB (each 1 or 2) 4 x 4 blocks of C: rows row0 .. row0 + 4 RB, columns
// col0 .. col0 + 4 CB. Written out without arrays or loops over blocks, which CPU emulation would
// keep in memory instead of registers.
@compute @workgroup_size(WX, WY)
fn matmul_direct(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                 @builtin(local_invocation_id) local: vec3<u32>) {
  let tile = tile_of(workgroup_index(wid, nwg));
  if (tile.z >= params.batch) { return; }
  set_batch(tile.z);
  let m = params.m;
  let n = params.n;
  let k = params.k;
  let row0 = (tile.y * WY + local.y) * 4u * RB;
  let col0 = (tile.x * WX + local.x) * 4u * CB;
  if (row0 >= m || col0 >= n) { return; }
  // column r of acc<q><p> is row row0 + 4 q + r of C, columns col0 + 4 p ..
  var acc00 = mat4x4<f32>();
  var acc01 = mat4x4<f32>();
  var acc10 = mat4x4<f32>();
  var acc11 = mat4x4<f32>();
  let interior = row0 + 4u * RB <= m && col0 + 4u * CB <= n;
  let k_unchecked = select(0u, k & ~3u, interior);
  var k0 = 0u;
  while (k0 < k_unchecked) {
    let b0 = b_rows(k0, col0);
    let a0 = a_rows(row0, k0);
    acc00 += b0 * a0;
    if (CB == 2u) {
      let b1 = b_rows(k0, col0 + 4u);
      acc01 += b1 * a0;
      if (RB == 2u) {
        let a1 = a_rows(row0 + 4u, k0);
        acc10 += b0 * a1;
        acc11 += b1 * a1;
      }
    } else if (RB == 2u) {
      acc10 += b0 * a_rows(row0 + 4u, k0);
    }
    k0 += 4u;
  }
  while (k0 < k) {
    let b0 = b_rows_checked(k0, col0);
    let a0 = a_rows_checked(row0, k0);
    let b1 = b_rows_checked(k0, col0 + 4u);
    let a1 = a_rows_checked(row0 + 4u, k0);
    acc00 += b0 * a0;
    acc01 += b1 * a0;
    acc10 += b0 * a1;
    acc11 += b1 * a1;
    k0 += 4u;
  }
  store_block(row0, col0, acc00);
  if (CB == 2u) { store_block(row0, col0 + 4u, acc01); }
  if (RB == 2u) { store_block(row0 + 4u, col0, acc10); }
  if (RB == 2u && CB == 2u) { store_block(row0 + 4u, col0 + 4u, acc11); }
}
