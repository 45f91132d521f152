/**
 * Loads webgrad's backends by name. The wasm and WebGPU backends are found by their factory
 * (createWasmBackend, createWebGPUBackend) in the package index or in their own modules, so the
 * bench runs with whichever backends the build contains.
 */
import type { Backend } from '../bindings/backend.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';

export type BackendName = 'cpu' | 'wasm' | 'webgpu';

const FACTORIES: Record<Exclude<BackendName, 'cpu'>, { factory: string; modules: string[] }> = {
  wasm: { factory: 'createWasmBackend', modules: ['../bindings/index.js', '../bindings/wasm/wasm-backend.js'] },
  webgpu: {
    factory: 'createWebGPUBackend',
    modules: ['../bindings/index.js', '../bindings/webgpu/webgpu-backend.js', '../bindings/webgpu/index.js'],
  },
};

type Factory = (options?: unknown) => Backend | Promise<Backend>;

async function findFactory(name: string, modules: string[]): Promise<Factory | null> {
  for (const path of modules) {
    try {
      const mod = (await import(path)) as Record<string, unknown>;
      if (typeof mod[name] === 'function') return mod[name] as Factory;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    }
  }
  return null;
}

/** The backend, or a line saying why it is not available in this build. */
export async function loadBackend(name: BackendName, options?: unknown): Promise<Backend | string> {
  if (name === 'cpu') return new CpuBackend();
  const { factory, modules } = FACTORIES[name];
  const create = await findFactory(factory, modules);
  if (!create) return `webgrad ${name}: not in this build (no ${factory})`;
  return await create(options);
}
