/**
 * Compute pipelines by kernel and specialisation. A kernel is an entry point in the concatenation of
 * WGSL sources from kernels/ (embedded verbatim); its specialisation constants (workgroup size,
 * tile sizes, flags) are prepended as WGSL `const` declarations.
 */
import { BackendError } from '../errors.js';
import { WGSL } from './wgsl.generated.js';

export type Constants = Readonly<Record<string, number | boolean>>;

export interface KernelSpec {
  /** Names of kernels/*.wgsl files, concatenated in order (dependencies first). */
  readonly sources: readonly string[];
  readonly entryPoint: string;
  readonly constants: Constants;
}

function constantDeclaration(name: string, value: number | boolean): string {
  if (typeof value === 'boolean') return `const ${name}: bool = ${value};`;
  if (!Number.isInteger(value) || value < 0) throw new BackendError(`specialisation ${name}=${value} is not a u32`);
  return `const ${name}: u32 = ${value}u;`;
}

/** The WGSL source of a kernel with its specialisation applied. */
export function kernelSource(spec: KernelSpec): string {
  const header = Object.entries(spec.constants).map(([name, value]) => constantDeclaration(name, value));
  const bodies = spec.sources.map((name) => {
    const source = WGSL[name];
    if (source === undefined) throw new BackendError(`no WGSL source named '${name}' is embedded`);
    return source;
  });
  return [...header, ...bodies].join('\n');
}

/** The spec's constants in insertion order: cheap, but call sites listing them differently get different keys. */
function fastKey(spec: KernelSpec): string {
  let key = spec.entryPoint;
  for (const source of spec.sources) key += '+' + source;
  key += ':';
  for (const name in spec.constants) key += name + '=' + spec.constants[name] + ',';
  return key;
}

function canonicalKey(spec: KernelSpec): string {
  const constants = Object.keys(spec.constants).sort().map((name) => `${name}=${spec.constants[name]}`);
  return `${spec.sources.join('+')}:${spec.entryPoint}:${constants.join(',')}`;
}

export class PipelineCache {
  /** By fast key (looked up on every dispatch), each fast key resolving to its canonical key's pipeline. */
  private readonly byFastKey = new Map<string, GPUComputePipeline>();
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly modules = new Map<string, GPUShaderModule>();

  constructor(private readonly device: GPUDevice) {}

  get size(): number {
    return this.pipelines.size;
  }

  get(spec: KernelSpec): GPUComputePipeline {
    const fast = fastKey(spec);
    let pipeline = this.byFastKey.get(fast);
    if (pipeline) return pipeline;
    const key = canonicalKey(spec);
    pipeline = this.pipelines.get(key);
    if (!pipeline) {
      const code = kernelSource(spec);
      let module = this.modules.get(code);
      if (!module) {
        module = this.device.createShaderModule({ label: key, code });
        this.modules.set(code, module);
      }
      pipeline = this.device.createComputePipeline({
        label: key, layout: 'auto', compute: { module, entryPoint: spec.entryPoint },
      });
      this.pipelines.set(key, pipeline);
    }
    this.byFastKey.set(fast, pipeline);
    return pipeline;
  }

  clear(): void {
    this.byFastKey.clear();
    this.pipelines.clear();
    this.modules.clear();
  }
}
