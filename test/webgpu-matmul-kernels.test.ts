import { TILED_MATMUL } from '../bindings/index.js';
import { describeKernelTable } from './backend-harness.js';
import { KERNEL_CASES } from './kernel-cases.js';
import { describeWebGPU } from './webgpu-node-device.js';

// The backend picks its matmul kernel by adapter: on the CPU-emulated adapters of CI that is the
// direct (register-block) kernel, which webgpu-kernels.test.ts covers. This file runs the matmul
// cases of the table on the workgroup-memory tiled kernel that real GPUs get.
const matmulCases = KERNEL_CASES.filter((c) => c.name.startsWith('matmul'));

describeWebGPU('tiled matmul (workgroup memory)', (backend) => {
  test('uses the tiled kernel', () => expect(backend().matmulConfig).toEqual(TILED_MATMUL));
  describeKernelTable('webgpu, tiled matmul', backend, matmulCases);
}, { matmul: TILED_MATMUL });
