/**
 * WebGPU grids of more workgroups than one dimension holds (maxComputeWorkgroupsPerDimension) fold into
 * more dimensions: a legal matmul must not be refused for its grid.
 */
import { kernels as k, tensor } from '../bindings/index.js';
import { describeWebGPU } from './webgpu-node-device.js';

describeWebGPU('matmul grids beyond maxComputeWorkgroupsPerDimension', (gpu) => {
  test('[1, 1]·[1, 8388608] (32 MiB, 131072 workgroups of 64 columns) runs and is exact', async () => {
    const n = 8388608;
    const b = new Float32Array(n);
    for (let i = 0; i < n; i++) b[i] = (i % 1021) - 510;
    const ta = tensor([3], [1, 1], { backend: gpu() }), tb = tensor(b, [1, n], { backend: gpu() });
    const c = k.matmul(ta, tb);
    expect(c.shape).toEqual([1, n]);
    const got = await c.data();
    let wrong = -1;
    for (let i = 0; i < n && wrong < 0; i++) if (got[i] !== 3 * b[i]) wrong = i;
    expect(wrong).toBe(-1);
    for (const t of [ta, tb, c]) t.dispose();
  }, 600_000); // about a minute on SwiftShader: 131072 workgroups of the register-blocked kernel
});
