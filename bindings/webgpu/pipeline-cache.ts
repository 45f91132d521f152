/**
 * Compute pipelines, for the library's kernels (by declaration, constants and op) and for callers'
 * raw kernels (by source and entry point), in one cache. Shader modules are shared by identical code.
 */
import type { KernelSpec } from './kernel-specs.js';
import { moduleSource, type Constants } from './wgsl-builder.js';

export class PipelineCache {
  /** By a cheap key built on every dispatch. */
  private readonly byKey = new Map<string, GPUComputePipeline>();
  private readonly byCode = new Map<string, GPUComputePipeline>();
  private readonly modules = new Map<string, GPUShaderModule>();

  constructor(private readonly device: GPUDevice) {}

  get size(): number {
    return this.byCode.size;
  }

  /** The pipeline of a declared kernel; constants listed in a different order give the same pipeline. */
  kernel(spec: KernelSpec, constants: Constants, op?: string): GPUComputePipeline {
    let key = spec.entryPoint + ':' + spec.sources.join('+') + ':' + (op ?? '');
    for (const name in constants) key += ',' + name + '=' + constants[name];
    let pipeline = this.byKey.get(key);
    if (!pipeline) {
      pipeline = this.raw(moduleSource(spec, constants, op), spec.entryPoint, key);
      this.byKey.set(key, pipeline);
    }
    return pipeline;
  }

  /** The pipeline of WGSL code and an entry point, with bind group layout 'auto'. */
  raw(code: string, entryPoint: string, label = entryPoint): GPUComputePipeline {
    const key = `${entryPoint}\n${code}`;
    let pipeline = this.byCode.get(key);
    if (!pipeline) {
      let module = this.modules.get(code);
      if (!module) this.modules.set(code, (module = this.device.createShaderModule({ label, code })));
      pipeline = this.device.createComputePipeline({ label, layout: 'auto', compute: { module, entryPoint } });
      this.byCode.set(key, pipeline);
    }
    return pipeline;
  }

  clear(): void {
    this.byKey.clear();
    this.byCode.clear();
    this.modules.clear();
  }
}
