import { describeKernelTable } from './backend-harness.js';
import { describeWebGPU } from './webgpu-node-device.js';

// Every case of the kernel table on WebGPU (Dawn in Node), compared with the cpu reference.
describeWebGPU('webgpu (dawn.node)', (backend) => {
  describeKernelTable('webgpu', backend);
});
