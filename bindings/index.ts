export * from './errors.js';
export type * from './backend.js';
export { CpuBackend } from './cpu/cpu-backend.js';
export { Tensor, tensor, full, zeros, ones, empty, tidy, liveTensorCount, defaultBackend, setDefaultBackend } from './tensor.js';
export * as kernels from './kernels.js';
export {
  createWebGPUBackend, WebGPUBackend, DIRECT_MATMUL, TILED_MATMUL,
  type WebGPUBackendOptions, type PoolStats, type RawKernel, type MatmulConfig,
} from './webgpu/index.js';
