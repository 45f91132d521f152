/**
 * WebGPU's "not available" errors give advice that fits the runtime: browser settings (or wasm) in a
 * browser, a Vulkan driver (or wasm) in Node and Deno. The browser case also runs for real in
 * test/app-browser-demo.test.ts (Chromium without WebGPU), the Deno case in test/app-deno.test.ts.
 */
import { BackendError, createWebGPUBackend } from '../bindings/index.js';
import { currentRuntime, webgpuUnavailableMessage } from '../bindings/webgpu/device.js';

const noAdapterGpu = { requestAdapter: async () => null } as unknown as GPU;

describe('WebGPU errors that fit the runtime', () => {
  test('jest runs in Node', () => expect(currentRuntime()).toBe('node'));

  test('no adapter in Node: a Vulkan driver, or the wasm backend; no browser advice', async () => {
    const error = await createWebGPUBackend({ gpu: noAdapterGpu }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    const message = (error as Error).message;
    expect(message).toMatch(/^WebGPU found no adapter/);
    expect(message).toContain('apt-get install chromium libvulkan1');
    expect(message).toContain('createWasmBackend()');
    expect(message).not.toMatch(/chrome:|browser/);
  });

  test('no adapter in a browser: enabling WebGPU there, or wasm; no apt-get', () => {
    const message = webgpuUnavailableMessage('no-adapter', 'browser');
    expect(message).toContain('hardware acceleration');
    expect(message).toContain('chrome://gpu');
    expect(message).toContain('createWasmBackend()');
    expect(message).not.toMatch(/apt-get|Vulkan/);
  });

  test('no navigator.gpu in a browser: a browser with WebGPU enabled, or wasm; the secure-context rule when it applies', () => {
    const secure = webgpuUnavailableMessage('no-navigator-gpu', 'browser', true);
    expect(secure).toContain('chrome://flags/#enable-unsafe-webgpu');
    expect(secure).toContain('createWasmBackend()');
    expect(secure).not.toMatch(/apt-get|secure context/);
    expect(webgpuUnavailableMessage('no-navigator-gpu', 'browser', false)).toContain('not a secure context');
  });

  test('no navigator.gpu in Deno or Node names what those runtimes need', () => {
    expect(webgpuUnavailableMessage('no-navigator-gpu', 'deno')).toContain('Deno 2');
    expect(webgpuUnavailableMessage('no-navigator-gpu', 'node')).toContain("npm install webgpu");
    expect(webgpuUnavailableMessage('no-adapter', 'deno')).toContain('VK_ICD_FILENAMES');
  });
});
