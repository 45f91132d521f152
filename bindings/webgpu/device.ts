/** Finding a GPUDevice: the caller's, the runtime's navigator.gpu, or Dawn's `webgpu` package on Node. */
import { BackendError } from '../errors.js';
import { BufferUsage, MapMode } from './gpu-flags.js';

export interface DeviceOptions {
  /** A device the caller owns: the backend uses it and never destroys it. */
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

function isNode(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; Deno?: unknown };
  return !g.Deno && typeof g.process?.versions?.node === 'string';
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
          `loaded (${(error as Error).message}). Install it with 'npm install webgpu', or pass a device.`,
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
  if (isNode()) return dawnGpu();
  throw new BackendError(
    'WebGPU is not available: navigator.gpu is missing. Use a browser with WebGPU enabled (Chromium ' +
      'needs --enable-unsafe-webgpu when headless), Deno 2, or Node with the webgpu package.',
  );
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

export async function acquireDevice(options: DeviceOptions): Promise<AcquiredDevice> {
  if (options.device) {
    await checkCallerDevice(options.device);
    return { device: options.device, ownsDevice: false, adapterDescription: 'caller device' };
  }
  const gpu = await findGpu(options);
  const adapter = await gpu.requestAdapter(
    options.powerPreference ? { powerPreference: options.powerPreference } : undefined,
  );
  if (!adapter)
    throw new BackendError(
      'WebGPU found no adapter (requestAdapter() returned null). On a machine without a GPU install a ' +
        'Vulkan driver, e.g. SwiftShader from Debian\'s chromium package (apt-get install chromium libvulkan1, ' +
        'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json).',
    );
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
  const info = (adapter as { info?: GPUAdapterInfo }).info;
  const adapterDescription = [info?.vendor, info?.architecture, info?.device, info?.description]
    .filter((part) => part).join(' ') || 'unknown adapter';
  return { device, ownsDevice: true, adapterDescription };
}
