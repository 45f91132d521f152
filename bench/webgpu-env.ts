/**
 * WebGPU in Node for the bench: Dawn's `webgpu` package provides navigator.gpu, installed as a
 * global before any library that looks for it (tfjs-backend-webgpu, jax-js) is imported, so that
 * webgrad and the peers share one adapter. Dawn picks the adapter from the Vulkan drivers the
 * environment offers (VK_ICD_FILENAMES / VK_DRIVER_FILES); the bench never picks one itself.
 * Without a GPU, run with SwiftShader: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json.
 */

/** No WebGPU adapter in this environment: reported with its message, without a stack trace. */
export class NoAdapterError extends Error {}

/** A real GPU, a CPU emulation of one (figures show relative standing only), or not known. */
export type AdapterKind = 'gpu' | 'cpu-emulation' | 'unknown';

export interface WebGPUEnv {
  readonly gpu: GPU;
  /** vendor / architecture / device / description, as Dawn reports them. */
  readonly adapterInfo: string;
  readonly adapterKind: AdapterKind;
  /** One sentence saying what the adapter is, for the report. */
  readonly adapterVerdict: string;
}

const EMULATORS = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|\bwarp\b/i;
const GPU_VENDORS = /\b(nvidia|amd|ati|radeon|intel|apple|qualcomm|adreno|arm|mali|imagination|powervr|broadcom|samsung)\b/i;

/** Classifies an adapter from its description (and Dawn's fallback flag where it reports one). */
export function classifyAdapter(adapterInfo: string, isFallbackAdapter = false): { kind: AdapterKind; verdict: string } {
  const emulator = adapterInfo.match(EMULATORS)?.[0];
  if (emulator || isFallbackAdapter)
    return {
      kind: 'cpu-emulation',
      verdict: `CPU emulation (${emulator ?? 'fallback adapter'}), not a GPU: the figures show relative standing only`,
    };
  const vendor = adapterInfo.match(GPU_VENDORS)?.[0];
  if (vendor) return { kind: 'gpu', verdict: `a real GPU (${vendor})` };
  return { kind: 'unknown', verdict: 'not a known CPU emulator, but not a known GPU vendor either' };
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
    throw new NoAdapterError(
      'no WebGPU adapter found: Dawn needs a Vulkan driver (with a GPU: the Vulkan loader and the vendor ICD, ' +
        'VK_ICD_FILENAMES / VK_DRIVER_FILES naming it; without one: ' +
        'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json, apt-get install -y chromium)',
    );
  const info = adapter.info;
  const adapterInfo = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' / ');
  const { kind, verdict } = classifyAdapter(adapterInfo, Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter));
  return { gpu, adapterInfo, adapterKind: kind, adapterVerdict: verdict };
}
