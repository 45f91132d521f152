export * from './errors.js';
export type * from './backend.js';
export { CpuBackend } from './cpu/cpu-backend.js';
export {
  Tensor, tensor, full, zeros, ones, empty, zerosLike, onesLike, fullLike, arange, linspace, eye, rand, randn, normal,
  randint, randnLike, randLike, tidy, liveTensorCount, collectedTensorCount, defaultBackend, setDefaultBackend,
  type TensorOptions,
} from './tensor.js';
export * as kernels from './kernels/index.js';
export { untrack } from './tensor.js';
export * from './autograd/index.js';
export * as nn from './nn/index.js';
export * as optim from './optim/index.js';
export * as init from './init/index.js';
export { Module, Parameter, Linear, ReLU, Sigmoid, Tanh, GELU, Flatten, Dropout, Sequential } from './nn/index.js';
export { Optimizer, SGD, Adam, Adagrad, RMSprop } from './optim/index.js';
export { Random, manualSeed } from './init/index.js';
export { WasmBackend, createWasmBackend, type WasmBackendOptions, type WasmVariant } from './wasm/wasm-backend.js';
export {
  createWebGPUBackend, WebGPUBackend, DIRECT_MATMUL, TILED_MATMUL, DEFAULT_MAX_QUEUED_SUBMISSIONS,
  type WebGPUBackendOptions, type PoolStats, type RawKernel, type MatmulConfig,
} from './webgpu/index.js';
export * as data from './data/index.js';
export * as train from './train/index.js';
export * as plot from './plot/index.js';
export { DataLoader, TensorDataset, syntheticData, type Dataset } from './data/index.js';
export { fit, evaluate, trainingCurvesSvg, encodeWeights, loadWeights, type EpochMetrics } from './train/index.js';
export { multinomial, type MultinomialOptions } from './distributions/multinomial.js';
export * as distributions from './distributions/index.js';
