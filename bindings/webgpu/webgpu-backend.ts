/**
 * The WebGPU backend: every Backend kernel as a WGSL compute shader (kernels/*.wgsl), with a
 * pipeline cache, a bounded buffer pool and command batching. Nothing reads back until read().
 */
import type {
  AdamArgs, Backend, BinaryOp, BroadcastLayout, DropoutArgs, MatmulArgs, MemoryStats, SgdArgs, Storage, UnaryOp,
} from '../backend.js';
import { BINARY_OPS, UNARY_OPS } from '../backend.js';
import { BackendError, DisposedError, ResourceLimitError, ValueError } from '../errors.js';
import { BufferPool, type PoolStats } from './buffer-pool.js';
import { CommandRecorder } from './command-recorder.js';
import { BufferUsage, MapMode, STORAGE_USAGE } from './gpu-flags.js';
import { isEmulatedAdapter } from './emulation.js';
import { defaultMatmulConfig, matmulConfigProblem, planMatmul, type MatmulConfig } from './matmul-plan.js';
import { PipelineCache, type Constants, type KernelSpec } from './pipeline-cache.js';

/** A storage: `length` f32 in a GPU buffer, pooled unless the caller owns the buffer (wrapBuffer). */
export class GPUStorage implements Storage {
  freed = false;
  constructor(readonly length: number, readonly buffer: GPUBuffer, readonly external: boolean) {}
}

export type RowStrategy = 'workgroup' | 'serial';

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
   * Row kernels (softmax, cross-entropy, argmax, row sums): one workgroup per row with tree
   * reductions, or one invocation per row ('serial'). By default 'serial' on CPU-emulated adapters.
   */
  rows?: RowStrategy;
}

/** A custom compute shader run on storages or caller buffers (embedding). */
export interface RawKernel {
  /** WGSL source; with `params`, binding 0 of group 0 is a uniform buffer holding them. */
  code: string;
  entryPoint: string;
  /** Uniform data for binding 0 (at most 256 bytes); leave out when the shader has no uniforms. */
  params?: ArrayBufferView;
  /** Bound at bindings 1, 2, ... of group 0; null skips a binding number. */
  buffers: readonly (GPUBuffer | Storage | null)[];
  workgroups: readonly [number, number?];
}

/** The sources a kernel file needs, dependencies first: the row kernels share rows.wgsl's reductions. */
const SOURCES_WITH_ROWS = new Map<string, readonly string[]>(
  ['softmax', 'cross_entropy', 'reduce'].map((source) => [source, ['rows', source]]),
);

function withRows(source: string): readonly string[] {
  return SOURCES_WITH_ROWS.get(source) ?? [source];
}

function largestPowerOfTwo(limit: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, limit)));
}

/** Workgroup size of a row kernel: a power of two from 32 up to the row length, within `max`. */
function workgroupSizeFor(length: number, max: number): number {
  let size = Math.min(32, max);
  while (size < max && size < length) size *= 2;
  return size;
}

export class WebGPUBackend implements Backend {
  readonly name = 'webgpu';
  readonly device: GPUDevice;
  readonly adapterDescription: string;
  private readonly ownsDevice: boolean;
  private readonly pool: BufferPool;
  private readonly recorder: CommandRecorder;
  private readonly pipelines: PipelineCache;
  private readonly live = new Set<GPUStorage>();
  private readonly placeholder: GPUBuffer;
  private readonly rawPipelines = new Map<string, GPUComputePipeline>();
  private isDisposed = false;
  private lostMessage: string | null = null;
  private errorMessage: string | null = null;
  private readbacks = 0;
  private readonly maxBindingBytes: number;
  private readonly maxWorkgroups: number;
  readonly matmulConfig: MatmulConfig;
  readonly rowStrategy: RowStrategy;
  /** Invocations per workgroup of the elementwise kernels (256 unless the device allows fewer). */
  private readonly elementWorkgroup: number;

  constructor(device: GPUDevice, config: WebGPUBackendConfig = {}) {
    this.device = device;
    this.ownsDevice = config.ownsDevice ?? false;
    this.adapterDescription = config.adapterDescription ?? 'caller device';
    const limits = device.limits;
    this.maxBindingBytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    this.maxWorkgroups = limits.maxComputeWorkgroupsPerDimension;
    const emulated = isEmulatedAdapter(device, this.adapterDescription);
    this.matmulConfig = config.matmul ?? defaultMatmulConfig(emulated, limits);
    const problem = matmulConfigProblem(this.matmulConfig, limits);
    if (problem) throw new ResourceLimitError(`matmul configuration ${JSON.stringify(this.matmulConfig)}: ${problem}`);
    this.elementWorkgroup = largestPowerOfTwo(Math.min(256, limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX));
    this.rowStrategy = config.rows ?? (emulated ? 'serial' : 'workgroup');
    const batchLimit = config.batchLimit ?? 256;
    if (!Number.isInteger(batchLimit) || batchLimit < 1)
      throw new ValueError(`batchLimit must be a positive integer, got ${String(batchLimit)}`);
    this.recorder = new CommandRecorder(device, batchLimit);
    this.pool = new BufferPool(device, config.poolCapBytes ?? 256 * 2 ** 20, this.maxBindingBytes, (buffer) =>
      this.recorder.destroyWhenIdle(buffer),
    );
    this.pipelines = new PipelineCache(device);
    this.placeholder = device.createBuffer({ label: 'webgrad placeholder', size: 16, usage: STORAGE_USAGE });
    device.lost.then((info) => {
      if (!this.isDisposed) this.lostMessage = info.message || String(info.reason);
    });
    device.addEventListener('uncapturederror', this.onError);
  }

  private readonly onError = (event: Event): void => {
    this.errorMessage ??= (event as GPUUncapturedErrorEvent).error.message;
  };

  get disposed(): boolean {
    return this.isDisposed;
  }

  /** True once the device was lost; every later call throws BackendError. Create a new backend. */
  get lost(): boolean {
    return this.lostMessage !== null;
  }

  /** Number of GPU → host readbacks (buffer maps) so far. */
  get readbackCount(): number {
    return this.readbacks;
  }

  /** Command batches submitted so far, and dispatches encoded. */
  get submitCount(): number {
    return this.recorder.submits;
  }

  /** Dispatches encoded and not yet submitted. */
  get pendingDispatches(): number {
    return this.recorder.pendingDispatches;
  }

  get dispatchCount(): number {
    return this.recorder.dispatches;
  }

  /** Compute pipelines compiled so far. */
  get pipelineCount(): number {
    return this.pipelines.size;
  }

  /** Bind groups reused from the cache, and made anew, so far. */
  bindGroupStats(): { hits: number; misses: number; cached: number } {
    const cache = this.recorder.bindGroups;
    return { hits: cache.hits, misses: cache.misses, cached: cache.size };
  }

  poolStats(): PoolStats & { liveBuffers: number; liveBytes: number } {
    let liveBytes = 0;
    for (const s of this.live) liveBytes += s.buffer.size;
    return { ...this.pool.stats(), liveBuffers: this.live.size, liveBytes };
  }

  private check(): void {
    if (this.isDisposed) throw new DisposedError('the webgpu backend was disposed');
    if (this.lostMessage !== null)
      throw new BackendError(`device lost: ${this.lostMessage}; create a new WebGPU backend`);
  }

  private gpu(storage: Storage): GPUStorage {
    const s = storage as GPUStorage;
    if (!(s instanceof GPUStorage)) throw new BackendError('storage does not belong to a webgpu backend');
    if (s.freed) throw new DisposedError('a webgpu storage was used after free()');
    return s;
  }

  private checkBytes(what: string, bytes: number): void {
    const limits = this.device.limits;
    if (bytes > limits.maxBufferSize)
      throw new ResourceLimitError(
        `${what} needs ${bytes} bytes, over the device's maxBufferSize of ${limits.maxBufferSize} bytes`,
      );
    if (bytes > limits.maxStorageBufferBindingSize)
      throw new ResourceLimitError(
        `${what} needs ${bytes} bytes, over the device's maxStorageBufferBindingSize of ` +
          `${limits.maxStorageBufferBindingSize} bytes`,
      );
  }

  alloc(length: number): Storage {
    this.check();
    if (!Number.isSafeInteger(length) || length < 0) throw new ValueError(`cannot allocate ${length} elements`);
    this.checkBytes(`a storage of ${length} f32`, length * 4);
    const storage = new GPUStorage(length, this.pool.acquire(length * 4), false);
    this.live.add(storage);
    return storage;
  }

  free(storage: Storage): void {
    const s = storage as GPUStorage;
    if (!(s instanceof GPUStorage) || s.freed) return;
    s.freed = true;
    this.live.delete(s);
    if (!s.external && !this.isDisposed) this.pool.release(s.buffer);
  }

  /**
   * A storage over the caller's buffer (no copy). The buffer needs STORAGE usage (and COPY_SRC /
   * COPY_DST for read / write) and at least 4 * length bytes; the backend never destroys it.
   */
  wrapBuffer(buffer: GPUBuffer, length: number): Storage {
    this.check();
    if (!Number.isSafeInteger(length) || length < 0) throw new ValueError(`cannot wrap ${length} elements`);
    if (length * 4 > buffer.size)
      throw new ValueError(`a buffer of ${buffer.size} bytes cannot hold ${length} f32 (${length * 4} bytes)`);
    if (!(buffer.usage & BufferUsage.STORAGE))
      throw new ValueError(`a wrapped buffer needs STORAGE usage (its usage is 0x${buffer.usage.toString(16)})`);
    this.checkBytes(`wrapping a buffer of ${buffer.size} bytes`, buffer.size);
    const storage = new GPUStorage(length, buffer, true);
    this.live.add(storage);
    return storage;
  }

  /** The GPU buffer behind a storage (for embedding: bind it in the caller's own passes after flush()). */
  bufferOf(storage: Storage): GPUBuffer {
    return this.gpu(storage).buffer;
  }

  write(storage: Storage, data: Float32Array): void {
    this.check();
    const s = this.gpu(storage);
    const count = Math.min(data.length, s.length);
    if (count === 0) return;
    if (this.recorder.uses(s.buffer)) this.recorder.flush();
    this.device.queue.writeBuffer(s.buffer, 0, data.buffer, data.byteOffset, count * 4);
  }

  async read(storage: Storage): Promise<Float32Array> {
    this.check();
    const s = this.gpu(storage);
    const bytes = s.length * 4;
    if (bytes === 0) {
      this.recorder.flush();
      return new Float32Array(0);
    }
    const staging = this.device.createBuffer({
      label: 'webgrad readback', size: bytes, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
    });
    this.recorder.copy(s.buffer, staging, bytes);
    this.recorder.flush();
    this.readbacks++;
    try {
      await staging.mapAsync(MapMode.READ);
      return new Float32Array(staging.getMappedRange().slice(0));
    } catch (error) {
      this.check();
      throw new BackendError(`reading a storage back failed: ${(error as Error).message}`);
    } finally {
      if (staging.mapState === 'mapped') staging.unmap();
      staging.destroy();
      this.throwRecordedError();
    }
  }

  private throwRecordedError(): void {
    const message = this.errorMessage;
    if (message === null) return;
    this.errorMessage = null;
    throw new BackendError(`WebGPU reported an error: ${message}`);
  }

  /** Submits the pending commands without waiting for them. */
  flush(): void {
    this.check();
    this.recorder.flush();
  }

  /** Resolves when the GPU has finished everything submitted so far (no readback). */
  async synchronize(): Promise<void> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
    this.throwRecordedError();
  }

  memoryStats(): MemoryStats {
    const { liveBuffers, liveBytes, pooledBytes } = this.poolStats();
    return { liveStorages: liveBuffers, liveBytes, reservedBytes: liveBytes + pooledBytes };
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.recorder.destroy();
    this.pool.clear();
    for (const s of this.live) if (!s.external) s.buffer.destroy();
    this.live.clear();
    this.placeholder.destroy();
    this.pipelines.clear();
    this.rawPipelines.clear();
    this.device.removeEventListener('uncapturederror', this.onError);
    if (this.ownsDevice) this.device.destroy();
  }

  /** [x, y] workgroups covering `count` groups, 2-D past maxComputeWorkgroupsPerDimension. */
  private grid(what: string, count: number): [number, number] {
    if (count <= this.maxWorkgroups) return [count, 1];
    const y = Math.ceil(count / this.maxWorkgroups);
    if (y > this.maxWorkgroups)
      throw new ResourceLimitError(
        `${what} needs ${count} workgroups, over ${this.maxWorkgroups}² (maxComputeWorkgroupsPerDimension squared)`,
      );
    return [this.maxWorkgroups, y];
  }

  /**
   * Encodes one kernel. `bindings[i]` goes to binding i + 1; `writable` lists the binding numbers the
   * kernel writes. A writable buffer that is also bound elsewhere (e.g. binary's out aliasing a) is
   * computed in a scratch copy and copied back, since WebGPU forbids such aliasing within a dispatch.
   */
  private run(
    spec: KernelSpec, params: ArrayBufferView, bindings: readonly (Storage | GPUBuffer | null)[],
    writable: readonly number[], workgroups: [number, number],
  ): void {
    this.check();
    const buffers = bindings.map((b) => (b === null ? null : b instanceof GPUStorage ? this.gpu(b).buffer : (b as GPUBuffer)));
    const scratch: [GPUBuffer, GPUBuffer][] = [];
    for (const binding of writable) {
      const target = buffers[binding - 1];
      if (!target || !buffers.some((other, i) => i !== binding - 1 && other === target)) continue;
      const copy = this.pool.acquire(target.size);
      this.recorder.copy(target, copy, target.size);
      buffers[binding - 1] = copy;
      scratch.push([copy, target]);
    }
    this.recorder.dispatch(this.pipelines.get(spec), params, buffers, workgroups);
    for (const [copy, target] of scratch) {
      this.recorder.copy(copy, target, target.size);
      this.pool.release(copy);
    }
  }

  private elementwise(
    entryPoint: string, source: string, constants: Constants, params: ArrayBufferView,
    bindings: readonly (Storage | null)[], writable: readonly number[], invocations: number,
  ): void {
    if (invocations === 0) return;
    const spec = { sources: withRows(source), entryPoint, constants: { WG: this.elementWorkgroup, ...constants } };
    this.run(spec, params, bindings, writable, this.grid(entryPoint, Math.ceil(invocations / this.elementWorkgroup)));
  }

  fill(out: Storage, value: number, length: number): void {
    const params = new Uint32Array(16);
    params[0] = length;
    new Float32Array(params.buffer)[1] = value;
    this.elementwise('fill', 'elementwise', { OP: 0 }, params, [null, null, out], [3], length);
  }

  copy(src: Storage, out: Storage, length: number): void {
    this.check();
    if (length === 0) return;
    const source = this.gpu(src).buffer, target = this.gpu(out).buffer;
    if (source === target) return;
    this.recorder.copy(source, target, length * 4);
  }

  unary(op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number): void {
    const params = new Uint32Array(16);
    params[0] = length;
    new Float32Array(params.buffer)[1] = alpha;
    this.elementwise('unary', 'elementwise', { OP: UNARY_OPS.indexOf(op) }, params, [x, null, out], [3], length);
  }

  binary(op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout): void {
    const params = new Uint32Array(16);
    const n = layout.outShape.reduce((x, y) => x * y, 1);
    params[0] = n;
    params.set(layout.outShape, 4);
    params.set(layout.aStrides, 8);
    params.set(layout.bStrides, 12);
    this.elementwise('binary', 'elementwise', { OP: BINARY_OPS.indexOf(op) }, params, [a, b, out], [3], n);
  }

  reluBackward(y: Storage, dy: Storage, dx: Storage, length: number): void {
    this.elementwise('relu_backward', 'relu', {}, new Uint32Array([length, 0, 0, 0]), [y, dy, dx], [3], length);
  }

  dropout(x: Storage, out: Storage, length: number, args: DropoutArgs): void {
    const params = new Uint32Array([length, args.threshold, args.seedLo, args.seedHi, args.offset, 0, 0, 0]);
    new Float32Array(params.buffer)[5] = args.scale;
    if (length === 0) return;
    const spec = { sources: ['philox', 'dropout'], entryPoint: 'dropout', constants: { WG: this.elementWorkgroup } };
    const groups = Math.ceil(Math.ceil(length / 4) / this.elementWorkgroup);
    this.run(spec, params, [x, out], [2], this.grid('dropout', groups));
  }

  sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, args: SgdArgs): void {
    const params = new Float32Array(12);
    new Uint32Array(params.buffer)[0] = length;
    params.set([args.lr, args.weightDecay, args.momentum], 1);
    if (velocity && args.momentum !== 0)
      this.elementwise('sgd_momentum', 'optim', {}, params, [param, grad, velocity], [1, 3], length);
    else this.elementwise('sgd', 'optim', {}, params, [param, grad], [1], length);
  }

  adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, args: AdamArgs): void {
    const params = new Float32Array(12);
    new Uint32Array(params.buffer)[0] = length;
    params.set([
      args.lr, args.weightDecay, 0, args.beta1, args.beta2, args.eps, args.biasCorrection1, args.biasCorrection2,
    ], 1);
    this.elementwise('adam', 'optim', {}, params, [param, grad, m, v], [1, 3, 4], length);
  }

  /**
   * A row kernel (softmax, cross-entropy, argmax): `entryPoint` runs one workgroup per row,
   * `${entryPoint}_serial` one invocation per row, as rowStrategy says.
   */
  private rowKernel(
    source: string, entryPoint: string, constants: Constants, params: ArrayBufferView,
    bindings: readonly (Storage | null)[], writable: readonly number[], rows: number, cols: number,
  ): void {
    if (rows === 0) return;
    if (this.rowStrategy === 'serial') {
      this.elementwise(`${entryPoint}_serial`, source, constants, params, bindings, writable, rows);
      return;
    }
    const spec = { sources: withRows(source), entryPoint, constants: { WG: workgroupSizeFor(cols, this.elementWorkgroup), ...constants } };
    this.run(spec, params, bindings, writable, this.grid(entryPoint, rows));
  }

  sum(x: Storage, out: Storage, outer: number, length: number, inner: number): void {
    const params = new Uint32Array([outer, length, inner, 0]);
    if (inner === 1 && this.rowStrategy === 'workgroup')
      this.rowKernel('reduce', 'sum_rows', {}, params, [x, out], [2], outer, length);
    else this.elementwise('sum_columns', 'reduce', {}, params, [x, out], [2], outer * inner);
  }

  argmax(x: Storage, out: Storage, rows: number, cols: number): void {
    this.rowKernel('reduce', 'argmax', {}, new Uint32Array([rows, cols, 1, 0]), [x, out], [2], rows, cols);
  }

  softmax(x: Storage, out: Storage, rows: number, cols: number, log: boolean): void {
    this.rowKernel('softmax', 'softmax', { LOG: log }, new Uint32Array([rows, cols, 0, 0]), [x, out], [2], rows, cols);
  }

  crossEntropy(
    logits: Storage, labels: Storage, loss: Storage, grad: Storage | null,
    rows: number, cols: number, gradScale: number,
  ): void {
    const params = new Uint32Array([rows, cols, 0, 0]);
    new Float32Array(params.buffer)[2] = gradScale;
    if (grad)
      this.rowKernel('cross_entropy', 'cross_entropy_grad', {}, params, [logits, labels, loss, grad], [3, 4], rows, cols);
    else this.rowKernel('cross_entropy', 'cross_entropy', {}, params, [logits, labels, loss], [3], rows, cols);
  }

  /**
   * A matmul operand as a buffer whose size is a multiple of 16 bytes (the kernel reads vec4s): pool
   * buffers are; a wrapped buffer that is not is copied into `scratch`.
   */
  private vec4Operand(storage: Storage, scratch: GPUBuffer[]): GPUBuffer {
    const buffer = this.gpu(storage).buffer;
    if (buffer.size % 16 === 0) return buffer;
    const copy = this.pool.acquire(buffer.size);
    this.recorder.copy(buffer, copy, buffer.size - (buffer.size % 4));
    scratch.push(copy);
    return copy;
  }

  matmul(a: Storage, b: Storage, c: Storage, args: MatmulArgs): void {
    const { m, n, k, bias } = args;
    this.check();
    if (m === 0 || n === 0) return;
    const { spec, grid } = planMatmul(this.matmulConfig, args);
    if (grid[0] > this.maxWorkgroups || grid[1] > this.maxWorkgroups)
      throw new ResourceLimitError(
        `matmul of [${m}, ${k}]·[${k}, ${n}] needs a ${grid[0]}×${grid[1]} grid of workgroups, over ` +
          `maxComputeWorkgroupsPerDimension (${this.maxWorkgroups})`,
      );
    const params = new Uint32Array([m, n, k, 0]);
    const scratch: GPUBuffer[] = [];
    const bindings = [
      this.vec4Operand(a, scratch), this.vec4Operand(b, scratch),
      bias ? this.gpu(bias).buffer : this.placeholder, this.gpu(c).buffer,
    ];
    this.run(spec, params, bindings, [4], grid);
    for (const buffer of scratch) this.pool.release(buffer);
  }

  /**
   * Runs a caller's compute shader on storages or GPU buffers, batched with the backend's own kernels
   * (embedding). Pipelines are cached by source and entry point.
   */
  runKernel(kernel: RawKernel): void {
    this.check();
    const key = `${kernel.entryPoint}\n${kernel.code}`;
    let pipeline = this.rawPipelines.get(key);
    if (!pipeline) {
      const module = this.device.createShaderModule({ code: kernel.code });
      pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: kernel.entryPoint } });
      this.rawPipelines.set(key, pipeline);
    }
    const buffers = kernel.buffers.map((b) => (b === null ? null : b instanceof GPUStorage ? this.gpu(b).buffer : (b as GPUBuffer)));
    const [x, y = 1] = kernel.workgroups;
    if (x > this.maxWorkgroups || y > this.maxWorkgroups)
      throw new ResourceLimitError(`runKernel: ${x}×${y} workgroups exceed maxComputeWorkgroupsPerDimension (${this.maxWorkgroups})`);
    this.recorder.dispatch(pipeline, kernel.params ?? null, buffers, [x, y]);
  }
}
