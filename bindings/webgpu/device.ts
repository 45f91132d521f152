/** Finding a GPUDevice: the caller's, the runtime's navigator.gpu, or Dawn's `webgpu` package on Node. */
// The published .d.ts files name GPUDevice, GPUBuffer, ...: this brings their declarations with them.
/// <reference types="@webgpu/types" preserve="true" />
import { BackendError } from '../errors.js';
import { BufferUsage, MapMode } from './gpu-flags.js';

export interface DeviceOptions {
  /**
   * A device the caller owns: the backend uses it and never destroys it. With dawn.node, keep a
   * reference to the GPU object it came from for as long as the device is used: Dawn tears its
   * instance down when that object is collected.
   */
  device?: GPUDevice;
  /** A GPU object to request the adapter from (e.g. dawn.node's `create([])`). */
  gpu?: GPU;
  powerPreference?: GPUPowerPreference;
}

export interface AcquiredDevice {
  device: GPUDevice;
  /** True when the backend created the device and so destroys it on dispose(). */
  ownsDevice: boolean;
  /** A human-readable name of the adapter, when known. */
  adapterDescription: string;
}

/** Limits the backend asks for up to the adapter's maxima: big buffers and workgroups help every kernel. */
const WANTED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxStorageBuffersPerShaderStage',
] as const;

/** Where the code runs: a browser (page or worker), Deno or Node. Error advice depends on it. */
export type Runtime = 'browser' | 'deno' | 'node';

/** The runtime this code runs in. */
export function currentRuntime(): Runtime {
  const g = globalThis as { process?: { versions?: { node?: string } }; Deno?: unknown };
  if (g.Deno) return 'deno';
  if (typeof g.process?.versions?.node === 'string') return 'node';
  return 'browser';
}

const USE_WASM = 'Or use the wasm backend, which runs everywhere: createWasmBackend().';

const VULKAN_ADVICE =
  "On a machine without a GPU install a Vulkan driver, e.g. SwiftShader from Debian's chromium package " +
  '(apt-get install chromium libvulkan1, VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json).';

/**
 * Why WebGPU cannot be had and what to do about it, in the terms of the runtime: browser settings
 * in a browser, a Vulkan driver in Node and Deno. `problem` is what failed: navigator.gpu is missing,
 * or requestAdapter() returned null.
 */
export function webgpuUnavailableMessage(
  problem: 'no-navigator-gpu' | 'no-adapter', runtime: Runtime, secureContext = true,
): string {
  if (problem === 'no-navigator-gpu') {
    if (runtime === 'deno')
      return `WebGPU is not available: navigator.gpu is missing in this Deno (Deno 2 has WebGPU built in). ${USE_WASM}`;
    if (runtime === 'node')
      return `WebGPU is not available: navigator.gpu is missing. Install Dawn with 'npm install webgpu', or pass a device. ${USE_WASM}`;
    const insecure = secureContext ? '' :
      ' The page is not a secure context, and WebGPU is only offered to https:// pages and http://localhost.';
    return (
      `WebGPU is not available: this browser does not offer navigator.gpu.${insecure} Use a browser with ` +
      'WebGPU enabled (current Chrome, Edge and Safari have it; on Linux or in Firefox it may need enabling, e.g. ' +
      `chrome://flags/#enable-unsafe-webgpu or about:config dom.webgpu.enabled). ${USE_WASM}`
    );
  }
  if (runtime === 'browser')
    return (
      'WebGPU found no adapter (navigator.gpu.requestAdapter() returned null): the browser offers WebGPU but ' +
      'no GPU to run it on. It may be switched off or the GPU blocklisted: turn on hardware acceleration in the ' +
      "browser's settings and see chrome://gpu; headless Chromium needs --enable-unsafe-webgpu. " + USE_WASM
    );
  return `WebGPU found no adapter (requestAdapter() returned null). ${VULKAN_ADVICE} ${USE_WASM}`;
}

function isSecureContext(): boolean {
  return (globalThis as { isSecureContext?: boolean }).isSecureContext !== false;
}

let nodeGpu: Promise<GPU> | null = null;

/**
 * Dawn's `webgpu` package, created once per process (dawn.node does not tolerate repeated
 * create() / teardown cycles well). The specifier is a variable so that bundlers for the browser
 * do not try to resolve this Node-only, optional dependency.
 */
async function dawnGpu(): Promise<GPU> {
  nodeGpu ??= (async () => {
    const specifier = 'webgpu';
    let dawn: { create(flags: string[]): GPU; globals: Record<string, unknown> };
    try {
      dawn = await import(specifier);
    } catch (error) {
      nodeGpu = null;
      throw new BackendError(
        `WebGPU is not available in this Node process: the optional 'webgpu' package (Dawn) could not be ` +
          `loaded (${(error as Error).message}). Install it with 'npm install webgpu', or pass a device. ${USE_WASM}`,
      );
    }
    Object.assign(globalThis, dawn.globals);
    return dawn.create([]);
  })();
  return nodeGpu;
}

async function findGpu(options: DeviceOptions): Promise<GPU> {
  if (options.gpu) return options.gpu;
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  const runtime = currentRuntime();
  if (runtime === 'node') return dawnGpu();
  throw new BackendError(webgpuUnavailableMessage('no-navigator-gpu', runtime, isSecureContext()));
}

/**
 * Throws BackendError when the caller's device was destroyed or lost. Its `lost` promise settles only
 * after a later task, so a 4-byte mapAsync, which a lost device rejects, settles the question now.
 */
async function checkCallerDevice(device: GPUDevice): Promise<void> {
  let probe: GPUBuffer | null = null;
  try {
    probe = device.createBuffer({ label: 'webgrad device probe', size: 4, usage: BufferUsage.MAP_READ });
    await probe.mapAsync(MapMode.READ);
  } catch (error) {
    throw new BackendError(
      `createWebGPUBackend: options.device is destroyed or lost (${(error as Error).message || (error as Error).name}); ` +
        'pass a live GPUDevice',
    );
  } finally {
    probe?.destroy();
  }
}

/**
 * The GPU object and adapter each created device came from, held as long as the device is. dawn.node
 * tears its instance down when its GPU object is collected, and a device still in use then crashes the
 * process: `createWebGPUBackend({ gpu: create([]) })` leaves no other reference to it.
 */
const deviceOrigins = new WeakMap<GPUDevice, { gpu: GPU; adapter: GPUAdapter }>();

/** The caller's device, or a new one from the best adapter found (see DeviceOptions). */
export async function acquireDevice(options: DeviceOptions): Promise<AcquiredDevice> {
  if (options.device) {
    await checkCallerDevice(options.device);
    return { device: options.device, ownsDevice: false, adapterDescription: 'caller device' };
  }
  const gpu = await findGpu(options);
  const adapter = await gpu.requestAdapter(
    options.powerPreference ? { powerPreference: options.powerPreference } : undefined,
  );
  if (!adapter) throw new BackendError(webgpuUnavailableMessage('no-adapter', currentRuntime()));
  const requiredLimits: Record<string, number> = {};
  for (const name of WANTED_LIMITS) {
    const value = (adapter.limits as unknown as Record<string, number>)[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredLimits });
  } catch (error) {
    throw new BackendError(`WebGPU adapter refused a device: ${(error as Error).message}`);
  }
  deviceOrigins.set(device, { gpu, adapter });
  const info = (adapter as { info?: GPUAdapterInfo }).info;
  const adapterDescription = [info?.vendor, info?.architecture, info?.device, info?.description]
    .filter((part) => part).join(' ') || 'unknown adapter';
  return { device, ownsDevice: true, adapterDescription };
}
