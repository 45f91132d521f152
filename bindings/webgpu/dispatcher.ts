/**
 * Encoding a declared kernel: its pipeline, its uniforms packed by declaration, its buffers bound by
 * name, and its workgroups folded into up to three grid dimensions (every kernel reads its linear
 * workgroup index, so any count up to maxComputeWorkgroupsPerDimension³ runs).
 */
import type { Storage } from '../backend.js';
import { BackendError, DisposedError, ResourceLimitError } from '../errors.js';
import type { BufferPool } from './buffer-pool.js';
import type { CommandRecorder } from './command-recorder.js';
import { KERNELS, type KernelName } from './kernel-specs.js';
import type { PipelineCache } from './pipeline-cache.js';
import { STORAGE_USAGE } from './gpu-flags.js';
import { GPUStorage } from './storage.js';
import { packParams, type Constants, type ParamValues } from './wgsl-builder.js';

/** A binding's buffer: a storage, a raw buffer, null for a placeholder; leave a name out for a binding the entry point does not use. */
export type Bound = Storage | GPUBuffer | null;

export class Dispatcher {
  private readonly maxWorkgroups: number;
  /** One small buffer per binding number, bound where a kernel's binding has nothing to do (WebGPU forbids writable aliasing). */
  private readonly placeholders: GPUBuffer[] = [];

  constructor(
    private readonly device: GPUDevice,
    private readonly recorder: CommandRecorder,
    private readonly pool: BufferPool,
    readonly pipelines: PipelineCache,
    private readonly check: () => void,
  ) {
    this.maxWorkgroups = device.limits.maxComputeWorkgroupsPerDimension;
  }

  private placeholder(binding: number): GPUBuffer {
    this.placeholders[binding] ??= this.device.createBuffer({ label: `webgrad placeholder ${binding}`, size: 16, usage: STORAGE_USAGE });
    return this.placeholders[binding];
  }

  destroy(): void {
    for (const buffer of this.placeholders) buffer?.destroy();
    this.placeholders.length = 0;
  }

  /** The GPU buffer of a storage of this backend. */
  buffer(storage: Storage): GPUBuffer {
    const s = storage as GPUStorage;
    if (!(s instanceof GPUStorage)) throw new BackendError('storage does not belong to a webgpu backend');
    if (s.freed) throw new DisposedError('a webgpu storage was used after free()');
    return s.buffer;
  }

  /** [x, y, z] workgroups covering `count`, each within maxComputeWorkgroupsPerDimension. */
  grid(what: string, count: number): [number, number, number] {
    const max = this.maxWorkgroups;
    const x = Math.min(count, max), y = Math.min(Math.ceil(count / x), max), z = Math.ceil(count / (x * y));
    if (z > max)
      throw new ResourceLimitError(`${what} needs ${count} workgroups, over ${max}³ (maxComputeWorkgroupsPerDimension cubed)`);
    return [x, y, z];
  }

  /**
   * Encodes kernel `name` over `groups` workgroups. A buffer the kernel writes that is also bound to
   * another binding (an in-place op) is computed in a scratch copy and copied back, since WebGPU forbids
   * such aliasing within a dispatch.
   */
  run(name: KernelName, constants: Constants, values: ParamValues, bound: Readonly<Record<string, Bound>>, groups: number, op?: string): void {
    this.check();
    if (groups === 0) return;
    const spec = KERNELS[name];
    const buffers = spec.bindings.map(({ name: binding }, i) => {
      if (!(binding in bound)) return null;
      const b = bound[binding];
      return b === null ? this.placeholder(i) : b instanceof GPUStorage ? this.buffer(b) : (b as GPUBuffer);
    });
    const scratch: [GPUBuffer, GPUBuffer][] = [];
    spec.bindings.forEach(({ writes }, i) => {
      const target = buffers[i];
      if (!writes || !target || !buffers.some((other, j) => j !== i && other === target)) return;
      const copy = this.pool.acquire(target.size);
      this.recorder.copy(target, copy, target.size);
      buffers[i] = copy;
      scratch.push([copy, target]);
    });
    const pipeline = this.pipelines.kernel(spec, constants, op);
    this.recorder.dispatch(pipeline, packParams(spec, values), buffers, this.grid(spec.entryPoint, groups));
    for (const [copy, target] of scratch) {
      this.recorder.copy(copy, target, target.size);
      this.pool.release(copy);
    }
  }
}
