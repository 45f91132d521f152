/**
 * WebGPU in Node for the bench: Dawn's `webgpu` package provides navigator.gpu, installed as a
 * global before any library that looks for it (tfjs-backend-webgpu, jax-js) is imported, so that
 * webgrad and the peers share one adapter. Without a GPU, run with SwiftShader:
 * VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json (see SETUP-WEBGPU.md).
 */
export interface WebGPUEnv {
  readonly gpu: GPU;
  readonly adapterInfo: string;
}

export async function installNodeWebGPU(): Promise<WebGPUEnv> {
  const g = globalThis as { navigator?: { gpu?: GPU; userAgent?: string } };
  if (!g.navigator?.gpu) {
    const dawn = await import('webgpu');
    Object.assign(globalThis, dawn.globals);
    const gpu = dawn.create([]);
    Object.defineProperty(globalThis, 'navigator', {
      value: { ...(g.navigator ?? {}), gpu, userAgent: `Node.js/${process.versions.node}` },
      configurable: true,
      writable: true,
    });
  }
  const gpu = g.navigator!.gpu!;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter)
    throw new Error(
      'no WebGPU adapter found; on a machine without a GPU set ' +
        'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json (apt-get install -y chromium)',
    );
  const info = adapter.info;
  const adapterInfo = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' / ');
  return { gpu, adapterInfo };
}
