/** Embedding: running a caller's own compute shader on storages or GPU buffers, batched with the backend's. */
import type { Storage } from '../backend.js';
import { ResourceLimitError, ValueError } from '../errors.js';
import type { CommandRecorder } from './command-recorder.js';
import type { Dispatcher } from './dispatcher.js';
import { GPUStorage } from './storage.js';

/** A custom compute shader run on storages or caller buffers. */
export interface RawKernel {
  /** WGSL source; with `params`, binding 0 of group 0 is a uniform buffer holding them. */
  code: string;
  entryPoint: string;
  /** Uniform data for binding 0 (at most 256 bytes); leave out when the shader has no uniforms. */
  params?: ArrayBufferView;
  /** Bound at bindings 1, 2, ... of group 0; null skips a binding number. */
  buffers: readonly (GPUBuffer | Storage | null)[];
  /** Workgroups along x, y (default 1) and z (default 1). */
  workgroups: readonly [number, number?, number?];
}

export function runKernel(dispatcher: Dispatcher, recorder: CommandRecorder, maxWorkgroups: number, kernel: RawKernel): void {
  if (!kernel || typeof kernel.code !== 'string' || typeof kernel.entryPoint !== 'string')
    throw new ValueError('runKernel: kernel needs WGSL `code` and an `entryPoint` (strings)');
  if (!Array.isArray(kernel.buffers)) throw new ValueError('runKernel: kernel.buffers must be an array');
  const [x, y = 1, z = 1] = kernel.workgroups ?? [];
  for (const n of [x, y, z])
    if (!Number.isInteger(n) || n < 0) throw new ValueError(`runKernel: workgroups must be non-negative integers, got [${x}, ${y}, ${z}]`);
  if (x > maxWorkgroups || y > maxWorkgroups || z > maxWorkgroups)
    throw new ResourceLimitError(`runKernel: ${x}×${y}×${z} workgroups exceed maxComputeWorkgroupsPerDimension (${maxWorkgroups})`);
  const pipeline = dispatcher.pipelines.raw(kernel.code, kernel.entryPoint);
  const buffers = kernel.buffers.map((b) => (b === null ? null : b instanceof GPUStorage ? dispatcher.buffer(b) : (b as GPUBuffer)));
  recorder.dispatch(pipeline, kernel.params ?? null, buffers, [x, y, z]);
}
