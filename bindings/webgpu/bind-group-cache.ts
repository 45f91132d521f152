/**
 * Bind groups by pipeline and bound resources. A bind group is immutable, so one made for the same
 * layout, uniform slot and storage buffers is interchangeable with a new one. Pooled buffers come back
 * in the same order step after step, so a training loop mostly hits. The cache is bounded (cleared
 * after `capacity` misses) and forgets the entries of a buffer when that buffer is destroyed.
 */

interface PipelineEntry {
  readonly layout: GPUBindGroupLayout;
  readonly id: number;
}

export class BindGroupCache {
  private readonly pipelineEntries = new WeakMap<GPUComputePipeline, PipelineEntry>();
  private readonly bufferIds = new WeakMap<GPUBuffer, number>();
  private readonly groups = new Map<string, GPUBindGroup>();
  /** Keys of the cached groups that bind each buffer. */
  private readonly keysByBuffer = new Map<GPUBuffer, string[]>();
  private nextId = 0;
  private missesSinceClear = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly device: GPUDevice, readonly capacity: number) {}

  get size(): number {
    return this.groups.size;
  }

  private pipelineEntry(pipeline: GPUComputePipeline): PipelineEntry {
    let entry = this.pipelineEntries.get(pipeline);
    if (!entry) this.pipelineEntries.set(pipeline, (entry = { layout: pipeline.getBindGroupLayout(0), id: this.nextId++ }));
    return entry;
  }

  private bufferId(buffer: GPUBuffer): number {
    let id = this.bufferIds.get(buffer);
    if (id === undefined) this.bufferIds.set(buffer, (id = this.nextId++));
    return id;
  }

  /**
   * The bind group with `uniforms` (a slot of the uniform buffer, or null) at binding 0 and
   * `buffers[i]` at binding i + 1; null entries are bindings the entry point does not use.
   */
  get(
    pipeline: GPUComputePipeline, uniforms: GPUBufferBinding | null, buffers: readonly (GPUBuffer | null)[],
  ): GPUBindGroup {
    const { layout, id } = this.pipelineEntry(pipeline);
    let key = `${id}`;
    if (uniforms) key += `u${this.bufferId(uniforms.buffer)}@${uniforms.offset}+${uniforms.size}`;
    for (let i = 0; i < buffers.length; i++) {
      const buffer = buffers[i];
      key += buffer ? `,${this.bufferId(buffer)}` : ',-';
    }
    let group = this.groups.get(key);
    if (group) {
      this.hits++;
      return group;
    }
    this.misses++;
    const entries: GPUBindGroupEntry[] = [];
    if (uniforms) entries.push({ binding: 0, resource: uniforms });
    for (let i = 0; i < buffers.length; i++) {
      const buffer = buffers[i];
      if (buffer) entries.push({ binding: i + 1, resource: { buffer } });
    }
    group = this.device.createBindGroup({ layout, entries });
    if (++this.missesSinceClear > this.capacity) this.clear();
    this.groups.set(key, group);
    for (const buffer of buffers) {
      if (!buffer) continue;
      let keys = this.keysByBuffer.get(buffer);
      if (!keys) this.keysByBuffer.set(buffer, (keys = []));
      keys.push(key);
    }
    return group;
  }

  /** Drops the groups that bind `buffer` (call when it is destroyed). */
  forget(buffer: GPUBuffer): void {
    const keys = this.keysByBuffer.get(buffer);
    if (!keys) return;
    for (const key of keys) this.groups.delete(key);
    this.keysByBuffer.delete(buffer);
  }

  clear(): void {
    this.missesSinceClear = 0;
    this.groups.clear();
    this.keysByBuffer.clear();
  }
}
