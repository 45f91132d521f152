/** The WebGPU backend's options and their checks (a misspelt or mistyped option is a ValueError, never ignored). */
import { ValueError } from '../errors.js';
import { boolean, describe, integer, oneOf, options as checkOptions } from '../validate.js';
import type { RowStrategy } from './context.js';
import type { MatmulConfig } from './matmul-plan.js';

/**
 * Command batches the device may have queued before throttle() waits. Measured with
 * scripts/queue-depth.mjs on SwiftShader (1,000 steps of an MLP 784-64-10, batch 64): bounds from 0 to
 * 16 all took 30-43 s, within the run-to-run noise, with 0.6-2.2 MB of uploads queued; 64 took 57 s,
 * and no bound 107 s with 200 MB queued and 145 MiB more resident memory. An emulated adapter shares
 * the host's cores, so speed cannot choose among small bounds there; 4 lets the host record the next
 * step (up to two batches) while the device runs the current one, the overlap a real GPU needs.
 */
export const DEFAULT_MAX_QUEUED_SUBMISSIONS = 4;

export interface WebGPUBackendConfig {
  /** The backend destroys the device on dispose() only when it created it. */
  ownsDevice?: boolean;
  /** Most bytes of idle buffers the pool keeps (default 256 MiB). */
  poolCapBytes?: number;
  /** Most dispatches per submitted batch (default 256). */
  batchLimit?: number;
  adapterDescription?: string;
  /** The matmul kernel and its tiles; by default chosen from the adapter (see matmul-plan.ts). */
  matmul?: MatmulConfig;
  /**
   * Row kernels (softmax, cross-entropy, argmax, row reductions): one workgroup per row with tree
   * reductions, or one invocation per row ('serial'). By default 'serial' on CPU-emulated adapters.
   */
  rows?: RowStrategy;
  /**
   * Command batches that may be queued on the device before throttle() waits (default
   * DEFAULT_MAX_QUEUED_SUBMISSIONS). Each holds its commands and uploads in host or device memory.
   */
  maxQueuedSubmissions?: number;
}

const CONFIG_KEYS = ['ownsDevice', 'poolCapBytes', 'batchLimit', 'adapterDescription', 'matmul', 'rows', 'maxQueuedSubmissions'];
/** Keys of createWebGPUBackend's options: the device's and the backend's, less those the backend sets itself. */
export const CREATE_OPTION_KEYS = ['device', 'gpu', 'powerPreference', ...CONFIG_KEYS.filter((k) => k !== 'ownsDevice' && k !== 'adapterDescription')];

/** Checks the backend's own options (the matmul configuration is checked against the device later). */
export function checkBackendConfig(fn: string, config: unknown, known: readonly string[] = CONFIG_KEYS): void {
  const c = checkOptions(fn, config as WebGPUBackendConfig | undefined, known);
  if (c.ownsDevice !== undefined) boolean(fn, 'ownsDevice', c.ownsDevice);
  if (c.poolCapBytes !== undefined) integer(fn, 'poolCapBytes', c.poolCapBytes, { min: 0 });
  if (c.batchLimit !== undefined) integer(fn, 'batchLimit', c.batchLimit, { min: 1, max: 65536 });
  if (c.maxQueuedSubmissions !== undefined) integer(fn, 'maxQueuedSubmissions', c.maxQueuedSubmissions, { min: 0 });
  if (c.adapterDescription !== undefined && typeof c.adapterDescription !== 'string')
    throw new ValueError(`${fn}: adapterDescription must be a string, got ${describe(c.adapterDescription)}`);
  if (c.rows !== undefined) oneOf(fn, 'rows', c.rows, ['serial', 'workgroup']);
  if (c.matmul !== undefined && (c.matmul === null || typeof c.matmul !== 'object'))
    throw new ValueError(`${fn}: matmul must be a matmul configuration object, got ${describe(c.matmul)}`);
}

/** Checks createWebGPUBackend's options: the backend's, and where to get the device from. */
export function checkCreateOptions(options: unknown): void {
  const fn = 'createWebGPUBackend';
  checkBackendConfig(fn, options, CREATE_OPTION_KEYS);
  const o = (options ?? {}) as { device?: unknown; gpu?: unknown; powerPreference?: unknown };
  if (o.device !== undefined) checkDevice(fn, o.device);
  if (o.gpu !== undefined && !hasMethod(o.gpu, 'requestAdapter'))
    throw new ValueError(`${fn}: gpu must be a GPU object (navigator.gpu, or dawn.node's create([])), got ${describe(o.gpu)}`);
  if (o.powerPreference !== undefined) oneOf(fn, 'powerPreference', o.powerPreference, ['low-power', 'high-performance']);
}

/** Throws ValueError unless `device` looks like a GPUDevice (one with limits, a queue and createBuffer). */
export function checkDevice(fn: string, device: unknown): asserts device is GPUDevice {
  const d = device as Partial<GPUDevice> | null;
  if (!hasMethod(device, 'createBuffer') || !d!.limits || typeof d!.limits !== 'object' || !d!.queue)
    throw new ValueError(`${fn}: device must be a GPUDevice, got ${describe(device)}`);
}

function hasMethod(value: unknown, name: string): boolean {
  return value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>)[name] === 'function';
}
