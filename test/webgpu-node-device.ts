/**
 * WebGPU for the Node test files: Dawn's `webgpu` package, created once per test file at module level
 * (dawn.node aborts jest's teardown when create() runs inside a test). When no adapter is found the
 * WebGPU tests fail under CI (process.env.CI set) and are skipped, with the reason, elsewhere.
 */
import { createWebGPUBackend, type WebGPUBackend, type WebGPUBackendOptions } from '../bindings/index.js';

interface Dawn {
  gpu: GPU | null;
  adapterDescription: string;
  unavailable: string | null;
}

async function openDawn(): Promise<Dawn> {
  let gpu: GPU;
  try {
    const dawn = await import('webgpu');
    Object.assign(globalThis, dawn.globals);
    gpu = dawn.create([]);
  } catch (error) {
    return { gpu: null, adapterDescription: '', unavailable: `the webgpu package did not load: ${(error as Error).message}` };
  }
  const adapter = await gpu.requestAdapter();
  if (!adapter)
    return {
      gpu, adapterDescription: '',
      unavailable:
        'Dawn found no WebGPU adapter: install a Vulkan driver (apt-get install chromium libvulkan1) and set ' +
        'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json',
    };
  return { gpu, adapterDescription: adapter.info?.description || adapter.info?.vendor || 'adapter', unavailable: null };
}

export const dawn = await openDawn();

/**
 * Declares `body` as a describe block whose tests get a WebGPU backend made in beforeAll and
 * disposed (with its device) in afterAll.
 */
export function describeWebGPU(
  name: string, body: (backend: () => WebGPUBackend) => void, options: WebGPUBackendOptions = {},
): void {
  if (dawn.unavailable !== null) {
    const reason = dawn.unavailable;
    if (process.env.CI) {
      describe(name, () => test('a WebGPU adapter is available under CI', () => { throw new Error(reason); }));
    } else {
      console.warn(`skipping '${name}': ${reason}`);
      describe.skip(`${name} (skipped: ${reason})`, () => test('needs WebGPU', () => undefined));
    }
    return;
  }
  describe(name, () => {
    let backend: WebGPUBackend | null = null;
    beforeAll(async () => {
      backend = await createWebGPUBackend({ ...options, gpu: dawn.gpu! });
    });
    afterAll(() => {
      backend?.dispose();
      backend = null;
    });
    body(() => {
      if (!backend) throw new Error('the WebGPU backend was not created');
      return backend;
    });
  });
}
