/** The WebGPU backend. Importing this module touches no Node-only module; Dawn is loaded lazily on Node. */
import { acquireDevice, type DeviceOptions } from './device.js';
import { WebGPUBackend, type WebGPUBackendConfig } from './webgpu-backend.js';

export { WebGPUBackend, GPUStorage, type RawKernel, type RowStrategy, type WebGPUBackendConfig } from './webgpu-backend.js';
export type { PoolStats } from './buffer-pool.js';
export { DIRECT_MATMUL, TILED_MATMUL, type MatmulConfig } from './matmul-plan.js';
export type { DeviceOptions } from './device.js';

export type WebGPUBackendOptions = DeviceOptions & Omit<WebGPUBackendConfig, 'ownsDevice' | 'adapterDescription'>;

/**
 * A WebGPU backend on the caller's device, else on navigator.gpu (browsers, Deno), else on Dawn's
 * `webgpu` package (Node). Throws BackendError saying why when no adapter or device can be had.
 */
export async function createWebGPUBackend(options: WebGPUBackendOptions = {}): Promise<WebGPUBackend> {
  const { device, ownsDevice, adapterDescription } = await acquireDevice(options);
  try {
    return new WebGPUBackend(device, {
      ownsDevice, adapterDescription, poolCapBytes: options.poolCapBytes, batchLimit: options.batchLimit,
      matmul: options.matmul, rows: options.rows,
    });
  } catch (error) {
    if (ownsDevice) device.destroy();
    throw error;
  }
}
