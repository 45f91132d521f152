/**
 * Loads webgrad's backends by name, from the package's public index: the cpu reference, and the
 * wasm and WebGPU backends by their factories (createWasmBackend, createWebGPUBackend), so the
 * bench runs with whichever backends the build contains. Options are passed through as given
 * (e.g. `{ threads }` to the wasm factory, which a build may not know yet and then ignores).
 */
import * as webgrad from '../bindings/index.js';
import type { Backend } from '../bindings/index.js';

export type BackendName = 'cpu' | 'wasm' | 'webgpu';

const FACTORIES: Record<Exclude<BackendName, 'cpu'>, string> = {
  wasm: 'createWasmBackend',
  webgpu: 'createWebGPUBackend',
};

type Factory = (options?: unknown) => Backend | Promise<Backend>;

/** The backend, or a line saying why it is not available in this build. */
export async function loadBackend(name: BackendName, options?: unknown): Promise<Backend | string> {
  if (name === 'cpu') return new webgrad.CpuBackend();
  const factory = FACTORIES[name];
  const create = (webgrad as unknown as Record<string, unknown>)[factory];
  if (typeof create !== 'function') return `webgrad ${name}: not in this build (no ${factory})`;
  return await (create as Factory)(options);
}
