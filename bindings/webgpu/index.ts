/** The WebGPU backend. Importing this module touches no Node-only module; Dawn is loaded lazily on Node. */
import { acquireDevice, type DeviceOptions } from './device.js';
import { checkCreateOptions } from './options.js';
import { WebGPUBackend, type WebGPUBackendConfig } from './webgpu-backend.js';

export { WebGPUBackend, GPUStorage, type RawKernel, type RowStrategy, type WebGPUBackendConfig } from './webgpu-backend.js';
export type { PoolStats } from './buffer-pool.js';
export { DIRECT_MATMUL, TILED_MATMUL, type MatmulConfig } from './matmul-plan.js';
export { DEFAULT_MAX_QUEUED_SUBMISSIONS } from './options.js';
export type { DeviceOptions } from './device.js';

export type WebGPUBackendOptions = DeviceOptions & Omit<WebGPUBackendConfig, 'ownsDevice' | 'adapterDescription'>;

/**
 * A WebGPU backend on the caller's device, else on navigator.gpu (browsers, Deno), else on Dawn's
 * `webgpu` package (Node). Throws ValueError for an unknown or mistyped option, and BackendError
 * saying why when no adapter or device can be had (or the caller's device is destroyed or lost).
 */
export async function createWebGPUBackend(options: WebGPUBackendOptions = {}): Promise<WebGPUBackend> {
  checkCreateOptions(options);
  const { device, ownsDevice, adapterDescription } = await acquireDevice(options);
  try {
    return new WebGPUBackend(device, {
      ownsDevice, adapterDescription, poolCapBytes: options.poolCapBytes, batchLimit: options.batchLimit,
      matmul: options.matmul, rows: options.rows, maxQueuedSubmissions: options.maxQueuedSubmissions,
    });
  } catch (error) {
    if (ownsDevice) device.destroy();
    throw error;
  }
}
