/**
 * The WebGPU backend: storage and lifecycle here; every kernel a declared WGSL entry point
 * (kernel-specs.ts) encoded by the dispatcher into batched command buffers. Nothing reads back until read().
 */
import type {
  AdamArgs, ArgReduceOp, AxisLayout, Backend, BinaryOp, BroadcastLayout, DropoutArgs, GatherArgs, MatmulArgs,
  MemoryStats, ReduceOp, SgdArgs, Storage, StridedLayout, UnaryOp,
} from '../backend.js';
import { BackendError, DisposedError, ResourceLimitError, ValueError } from '../errors.js';
import { BufferPool, type PoolStats } from './buffer-pool.js';
import { CommandRecorder } from './command-recorder.js';
import { largestPowerOfTwo, type KernelContext, type RowStrategy } from './context.js';
import { Dispatcher } from './dispatcher.js';
import * as elementwise from './elementwise.js';
import { runKernel, type RawKernel } from './embedding.js';
import { isEmulatedAdapter } from './emulation.js';
import * as gathering from './gather.js';
import { BufferUsage, MapMode } from './gpu-flags.js';
import { matmul } from './matmul.js';
import { checkMatmulConfig, defaultMatmulConfig, type MatmulConfig } from './matmul-plan.js';
import { DEFAULT_MAX_QUEUED_SUBMISSIONS, checkBackendConfig, checkDevice, type WebGPUBackendConfig } from './options.js';
import * as optim from './optim.js';
import { PipelineCache } from './pipeline-cache.js';
import * as rows from './rows.js';
import { GPUStorage } from './storage.js';

export { GPUStorage } from './storage.js';
export type { RawKernel } from './embedding.js';
export type { RowStrategy } from './context.js';
export type { WebGPUBackendConfig } from './options.js';

export class WebGPUBackend implements Backend {
  readonly name = 'webgpu';
  readonly device: GPUDevice;
  readonly adapterDescription: string;
  readonly matmulConfig: MatmulConfig;
  readonly rowStrategy: RowStrategy;
  /** throttle() waits while more command batches than this are queued on the device. */
  readonly maxQueuedSubmissions: number;
  private readonly ownsDevice: boolean;
  private readonly pool: BufferPool;
  private readonly recorder: CommandRecorder;
  private readonly pipelines: PipelineCache;
  private readonly dispatcher: Dispatcher;
  private readonly context: KernelContext;
  private readonly live = new Set<GPUStorage>();
  private isDisposed = false;
  private lostMessage: string | null = null;
  private errorMessage: string | null = null;
  private readbacks = 0;

  constructor(device: GPUDevice, config: WebGPUBackendConfig = {}) {
    checkDevice('WebGPUBackend', device);
    checkBackendConfig('WebGPUBackend', config);
    this.device = device;
    this.ownsDevice = config.ownsDevice ?? false;
    this.adapterDescription = config.adapterDescription ?? 'caller device';
    const limits = device.limits;
    const emulated = isEmulatedAdapter(device, this.adapterDescription);
    this.matmulConfig = config.matmul ?? defaultMatmulConfig(emulated, limits);
    checkMatmulConfig(this.matmulConfig, limits);
    this.rowStrategy = config.rows ?? (emulated ? 'serial' : 'workgroup');
    this.maxQueuedSubmissions = config.maxQueuedSubmissions ?? DEFAULT_MAX_QUEUED_SUBMISSIONS;
    this.recorder = new CommandRecorder(device, config.batchLimit ?? 256);
    const maxBindingBytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    this.pool = new BufferPool(device, config.poolCapBytes ?? 256 * 2 ** 20, maxBindingBytes, (buffer) =>
      this.recorder.destroyWhenIdle(buffer),
    );
    this.pipelines = new PipelineCache(device);
    this.dispatcher = new Dispatcher(device, this.recorder, this.pool, this.pipelines, () => this.check());
    this.context = {
      dispatcher: this.dispatcher, rowStrategy: this.rowStrategy, matmulConfig: this.matmulConfig,
      elementWorkgroup: largestPowerOfTwo(Math.min(256, limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX)),
    };
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

  /** Command batches submitted so far. */
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

  private checkBytes(what: string, bytes: number): void {
    const limits = this.device.limits;
    for (const limit of ['maxBufferSize', 'maxStorageBufferBindingSize'] as const)
      if (bytes > limits[limit])
        throw new ResourceLimitError(`${what} needs ${bytes} bytes, over the device's ${limit} of ${limits[limit]} bytes`);
  }

  alloc(length: number): Storage {
    this.check();
    if (!Number.isSafeInteger(length) || length < 0) throw new ValueError(`webgpu: cannot allocate ${length} elements`);
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
    if (!Number.isSafeInteger(length) || length < 0) throw new ValueError(`wrapBuffer: cannot wrap ${length} elements`);
    if (length * 4 > buffer.size)
      throw new ValueError(`wrapBuffer: a buffer of ${buffer.size} bytes cannot hold ${length} f32 (${length * 4} bytes)`);
    if (!(buffer.usage & BufferUsage.STORAGE))
      throw new ValueError(`wrapBuffer: the buffer needs STORAGE usage (its usage is 0x${buffer.usage.toString(16)})`);
    this.checkBytes(`wrapping a buffer of ${buffer.size} bytes`, buffer.size);
    const storage = new GPUStorage(length, buffer, true);
    this.live.add(storage);
    return storage;
  }

  /** The GPU buffer behind a storage (for embedding: bind it in the caller's own passes after flush()). */
  bufferOf(storage: Storage): GPUBuffer {
    return this.dispatcher.buffer(storage);
  }

  write(storage: Storage, data: Float32Array): void {
    this.check();
    const buffer = this.dispatcher.buffer(storage);
    const count = Math.min(data.length, storage.length);
    if (count === 0) return;
    if (this.recorder.uses(buffer)) this.recorder.flush();
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, count * 4);
    this.recorder.work.uploaded(count * 4);
  }

  async read(storage: Storage, into?: Float32Array): Promise<Float32Array> {
    this.check();
    const buffer = this.dispatcher.buffer(storage);
    const bytes = storage.length * 4;
    if (bytes === 0) {
      this.recorder.flush();
      return new Float32Array(0);
    }
    const staging = this.device.createBuffer({
      label: 'webgrad readback', size: bytes, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
    });
    this.recorder.copy(buffer, staging, bytes);
    this.recorder.flush();
    this.readbacks++;
    try {
      await staging.mapAsync(MapMode.READ);
      const mapped = new Float32Array(staging.getMappedRange());
      if (!into) return mapped.slice();
      into.set(mapped);
      return into;
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
    await this.recorder.work.drainAll();
    this.throwRecordedError();
  }

  /**
   * Backpressure: resolves once at most maxQueuedSubmissions command batches are queued on the device.
   * Recording never waits for the GPU, so a loop that never reads back calls this once per step (fit()
   * does) to keep a slow device from falling ever further behind, holding ever more memory.
   */
  async throttle(): Promise<void> {
    this.check();
    await this.recorder.work.drainTo(this.maxQueuedSubmissions);
    this.throwRecordedError();
  }

  memoryStats(): MemoryStats {
    const { liveBuffers, liveBytes, pooledBytes } = this.poolStats();
    const work = this.recorder.work;
    return {
      liveStorages: liveBuffers, liveBytes, reservedBytes: liveBytes + pooledBytes,
      queuedSubmissions: work.outstanding, queuedBytes: work.queuedBytes,
    };
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.recorder.destroy();
    this.pool.clear();
    for (const s of this.live) if (!s.external) s.buffer.destroy();
    this.live.clear();
    this.dispatcher.destroy();
    this.pipelines.clear();
    this.device.removeEventListener('uncapturederror', this.onError);
    if (this.ownsDevice) this.device.destroy();
  }

  /** Runs a caller's compute shader on storages or GPU buffers, batched with the backend's own kernels. */
  runKernel(kernel: RawKernel): void {
    this.check();
    runKernel(this.dispatcher, this.recorder, this.device.limits.maxComputeWorkgroupsPerDimension, kernel);
  }

  fill(out: Storage, value: number, length: number): void {
    elementwise.fill(this.context, out, value, length);
  }

  copy(src: Storage, out: Storage, length: number): void {
    this.check();
    const source = this.dispatcher.buffer(src), target = this.dispatcher.buffer(out);
    if (length > 0 && source !== target) this.recorder.copy(source, target, length * 4);
  }

  unary(op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number, beta: number): void {
    elementwise.unary(this.context, op, x, out, length, alpha, beta);
  }

  binary(op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout, alpha: number, beta: number): void {
    elementwise.binary(this.context, op, a, b, out, layout, alpha, beta);
  }

  stridedCopy(x: Storage, out: Storage, layout: StridedLayout): void {
    elementwise.stridedCopy(this.context, x, out, layout);
  }

  reduce(op: ReduceOp, x: Storage, out: Storage, layout: AxisLayout): void {
    rows.reduce(this.context, op, x, out, layout);
  }

  argReduce(op: ArgReduceOp, x: Storage, out: Storage, layout: AxisLayout): void {
    rows.argReduce(this.context, op, x, out, layout);
  }

  gather(x: Storage, index: Storage, out: Storage, args: GatherArgs): void {
    gathering.gather(this.context, x, index, out, args);
  }

  scatterAdd(src: Storage, index: Storage, out: Storage, args: GatherArgs): void {
    gathering.scatterAdd(this.context, src, index, out, args);
  }

  matmul(a: Storage, b: Storage, c: Storage, args: MatmulArgs): void {
    matmul(this.context, this.pool, this.recorder, a, b, c, args);
  }

  softmax(x: Storage, out: Storage, rowCount: number, cols: number, log: boolean): void {
    rows.softmax(this.context, x, out, rowCount, cols, log);
  }

  crossEntropy(
    logits: Storage, labels: Storage, loss: Storage, grad: Storage | null, rowCount: number, cols: number, gradScale: number,
  ): void {
    rows.crossEntropy(this.context, logits, labels, loss, grad, rowCount, cols, gradScale);
  }

  dropout(x: Storage, out: Storage, length: number, args: DropoutArgs): void {
    elementwise.dropout(this.context, x, out, length, args);
  }

  sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, args: SgdArgs): void {
    optim.sgdUpdate(this.context, param, grad, velocity, length, args);
  }

  adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, args: AdamArgs): void {
    optim.adamUpdate(this.context, param, grad, m, v, length, args);
  }
}
