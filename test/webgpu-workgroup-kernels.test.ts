import { TILED_MATMUL } from '../bindings/index.js';
import { describeKernelTable } from './backend-harness.js';
import { KERNEL_CASES } from './kernel-cases/index.js';
import { describeWebGPU } from './webgpu-node-device.js';

// The backend picks kernels by adapter: on CPU-emulated adapters (as in CI) matmul uses register
// blocks and row kernels one invocation per row, which webgpu-kernels.test.ts covers. This file runs
// the matching cases of the table on the workgroup-memory kernels that real GPUs get: the tiled
// matmul and one workgroup per row with tree reductions.
const cases = KERNEL_CASES.filter((c) => /^(matmul|batched matmul|softmax|logSoftmax|crossEntropy|argmax|argmin|reduce) /.test(c.name));

describeWebGPU('workgroup-memory kernels', (backend) => {
  test('uses the tiled matmul and workgroup row kernels', () => {
    expect(backend().matmulConfig).toEqual(TILED_MATMUL);
    expect(backend().rowStrategy).toBe('workgroup');
  });
  describeKernelTable('webgpu, tiled matmul and workgroup rows', backend, cases);
}, { matmul: TILED_MATMUL, rows: 'workgroup' });
