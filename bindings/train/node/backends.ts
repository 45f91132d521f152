/** Creates a backend by name for the command line (Node). */
import type { Backend } from '../../backend.js';
import { CpuBackend } from '../../cpu/cpu-backend.js';
import { BackendError } from '../../errors.js';
import { createWasmBackend } from '../../wasm/wasm-backend.js';
import { createWebGPUBackend } from '../../webgpu/index.js';
import type { BackendName } from './cli-args.js';

export async function createBackend(name: BackendName): Promise<Backend> {
  switch (name) {
    case 'cpu':
      return new CpuBackend();
    case 'wasm':
      return createWasmBackend();
    case 'webgpu':
      return createWebGPUBackend();
    default:
      throw new BackendError(`unknown backend '${String(name)}'`);
  }
}
