/** The backends every autograd, nn and optim test runs on; adding a backend here adds it everywhere. */
import type { Backend } from '../bindings/backend.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { createWasmBackend } from '../bindings/wasm/wasm-backend.js';
import { createWebGPUBackend } from '../bindings/webgpu/index.js';
import { dawn } from './webgpu-node-device.js';

export const AUTOGRAD_BACKENDS: [name: string, create: () => Promise<Backend>][] = [
  ['cpu', async () => new CpuBackend()],
  ['wasm', async () => createWasmBackend()],
  // Without an adapter the WebGPU test files report it (and fail under CI); here it is left out.
  ...(dawn.unavailable === null
    ? [['webgpu', async () => createWebGPUBackend({ gpu: dawn.gpu! })] as [string, () => Promise<Backend>]]
    : []),
];
