// ReLU backward: dx = y > 0 ? dy : 0 (ReLU forward is the unary op 'relu' in elementwise.wgsl).
// Specialisation constants: WG (workgroup size).

struct Params {
  n: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> y: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

@compute @workgroup_size(WG)
fn relu_backward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                 @builtin(local_invocation_index) lid: u32) {
  let i = (wid.y * nwg.x + wid.x) * WG + lid;
  if (i < params.n) { dx[i] = select(0.0, dy[i], y[i] > 0.0); }
}
