/**
 * Command batching: dispatches and copies are encoded into one pending command encoder and submitted
 * together when someone reads, when the batch is full, or on flush(). Each dispatch's uniforms take one
 * slot of a per-batch staging area, uploaded to the uniform buffer right before the submit (so that
 * queue.writeBuffer, which the queue runs ahead of the pending commands, cannot overtake them).
 */
import { ValueError } from '../errors.js';
import { BindGroupCache } from './bind-group-cache.js';
import { BufferUsage } from './gpu-flags.js';
import { SubmittedWork } from './submitted-work.js';

const MAX_PARAM_BYTES = 256;
const BIND_GROUP_CACHE_CAPACITY = 4096;

export class CommandRecorder {
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private readonly uniformBuffer: GPUBuffer;
  private readonly staging: Uint8Array<ArrayBuffer>;
  private readonly slotBytes: number;
  private slotsUsed = 0;
  private batchDispatches = 0;
  /** Buffers the pending commands touch: a write to one of them must wait for the submit. */
  private readonly touched = new Set<GPUBuffer>();
  private readonly destroyAfterSubmit: GPUBuffer[] = [];
  readonly bindGroups: BindGroupCache;
  /** Submitted batches the device has not finished. */
  readonly work: SubmittedWork;
  submits = 0;
  dispatches = 0;

  constructor(private readonly device: GPUDevice, readonly batchLimit: number) {
    this.work = new SubmittedWork(device.queue);
    this.slotBytes = Math.max(MAX_PARAM_BYTES, device.limits.minUniformBufferOffsetAlignment);
    this.staging = new Uint8Array(this.slotBytes * batchLimit);
    this.bindGroups = new BindGroupCache(device, BIND_GROUP_CACHE_CAPACITY);
    this.uniformBuffer = device.createBuffer({
      label: 'webgrad uniforms', size: this.staging.byteLength, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST,
    });
  }

  /** Dispatches encoded and not yet submitted. */
  get pendingDispatches(): number {
    return this.batchDispatches;
  }

  uses(buffer: GPUBuffer): boolean {
    return this.touched.has(buffer);
  }

  private currentEncoder(): GPUCommandEncoder {
    this.encoder ??= this.device.createCommandEncoder({ label: 'webgrad batch' });
    return this.encoder;
  }

  private endPass(): void {
    this.pass?.end();
    this.pass = null;
  }

  /**
   * Encodes one dispatch. `buffers[i]` is bound at binding i + 1 (binding 0 holds `params`);
   * null entries are bindings the entry point does not use.
   */
  dispatch(
    pipeline: GPUComputePipeline, params: ArrayBufferView | null, buffers: readonly (GPUBuffer | null)[],
    workgroups: readonly [number, number, number],
  ): void {
    if (this.batchDispatches === this.batchLimit) this.flush();
    this.batchDispatches++;
    let uniforms: GPUBufferBinding | null = null;
    if (params) {
      if (params.byteLength > this.slotBytes)
        throw new ValueError(`kernel parameters of ${params.byteLength} bytes exceed ${this.slotBytes} bytes`);
      const offset = this.slotsUsed++ * this.slotBytes;
      this.staging.set(new Uint8Array(params.buffer, params.byteOffset, params.byteLength), offset);
      uniforms = { buffer: this.uniformBuffer, offset, size: this.slotBytes };
    }
    for (const buffer of buffers) if (buffer) this.touched.add(buffer);
    const bindGroup = this.bindGroups.get(pipeline, uniforms, buffers);
    this.pass ??= this.currentEncoder().beginComputePass();
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, bindGroup);
    this.pass.dispatchWorkgroups(workgroups[0], workgroups[1], workgroups[2]);
    this.dispatches++;
  }

  copy(source: GPUBuffer, target: GPUBuffer, bytes: number): void {
    this.endPass();
    this.currentEncoder().copyBufferToBuffer(source, 0, target, 0, bytes);
    this.touched.add(source);
    this.touched.add(target);
  }

  /** Destroys the buffer once no pending command can use it. */
  destroyWhenIdle(buffer: GPUBuffer): void {
    this.bindGroups.forget(buffer);
    if (this.touched.has(buffer)) this.destroyAfterSubmit.push(buffer);
    else buffer.destroy();
  }

  /** Submits the pending commands (no-op when there are none). Never waits for the GPU. */
  flush(): void {
    if (this.encoder) {
      this.endPass();
      if (this.slotsUsed > 0) {
        this.device.queue.writeBuffer(this.uniformBuffer, 0, this.staging, 0, this.slotsUsed * this.slotBytes);
        this.work.uploaded(this.slotsUsed * this.slotBytes);
      }
      this.device.queue.submit([this.encoder.finish()]);
      this.submits++;
      this.work.submittedBatch();
    }
    this.encoder = null;
    this.slotsUsed = 0;
    this.batchDispatches = 0;
    this.touched.clear();
    for (const buffer of this.destroyAfterSubmit.splice(0)) buffer.destroy();
  }

  /** Drops pending work and frees the uniform buffer. */
  destroy(): void {
    this.work.clear();
    this.pass = null;
    this.encoder = null;
    this.touched.clear();
    for (const buffer of this.destroyAfterSubmit.splice(0)) buffer.destroy();
    this.bindGroups.clear();
    this.uniformBuffer.destroy();
  }
}
