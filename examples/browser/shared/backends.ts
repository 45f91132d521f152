/** The backends a page can train on: wasm (threaded where the library and the page allow) and WebGPU. */
import { createWasmBackend, createWebGPUBackend, type Backend, type WasmBackendOptions } from 'webgrad';

export type BackendKind = 'wasm' | 'webgpu';

/** 'auto' lets the library choose the thread count. */
export type ThreadChoice = 'auto' | number;

export interface OpenedBackend {
  backend: Backend;
  kind: BackendKind;
  /** What runs the kernels, for the page: "wasm relaxed-simd, 2 threads", "WebGPU: <adapter>". */
  label: string;
  /** Worker threads of the wasm backend (1 when it has none); null on WebGPU. */
  threads: number | null;
}

/** Whether the browser offers WebGPU at all (it may still have no adapter). */
export function webgpuOffered(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator;
}

/** Opens a backend; throws the library's typed error (BackendError, ValueError) when it cannot. */
export async function openBackend(kind: BackendKind, threads: ThreadChoice = 'auto'): Promise<OpenedBackend> {
  if (kind === 'webgpu') {
    const backend = await createWebGPUBackend();
    return { backend, kind, label: `WebGPU: ${backend.adapterDescription}`, threads: null };
  }
  // `threads` is passed through as the wasm backend's option; a library without threads refuses it.
  const options = (threads === 'auto' ? {} : { threads }) as WasmBackendOptions;
  const backend = await createWasmBackend(options);
  const count = (backend as { threads?: number }).threads ?? 1;
  return { backend, kind, label: `wasm ${backend.variant}, ${count} thread${count === 1 ? '' : 's'}`, threads: count };
}

/** Frees a backend's memory (and its device, when it made one). */
export function closeBackend(opened: OpenedBackend | null): void {
  opened?.backend.dispose();
}
