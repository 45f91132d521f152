import type {
  AdamArgs, ArgReduceOp, AxisLayout, Backend, BinaryOp, BroadcastLayout, DropoutArgs, GatherArgs, MatmulArgs,
  MemoryStats, ReduceOp, SgdArgs, Storage, StridedLayout, UnaryOp,
} from '../backend.js';
import { DisposedError, ResourceLimitError, ValueError } from '../errors.js';
import { BINARY_OPS, REDUCE_OPS, UNARY_OPS } from '../op-table/index.js';
import { integer, oneOf, options as checkOptions } from '../validate.js';
import { Arena } from './arena.js';
import { KernelRunner, MIN_WORK_PER_THREAD } from './kernel-runner.js';
import { runMatmul } from './matmul-runner.js';
import { startThreads, type WasmThreads } from './start-threads.js';
import type { ThreadPool } from './thread-pool.js';
import { relaxedSimdSupported, type KernelExports, type KernelInstance, type WasmVariant } from './wasm-module.js';

export type { WasmVariant } from './wasm-module.js';

export interface WasmBackendOptions {
  /** 'auto' (default) picks relaxed SIMD where the runtime supports it. */
  variant?: 'auto' | WasmVariant;
  /** Upper bound on the module's linear memory; default 4096 (all that wasm32 addresses). */
  maxMemoryMiB?: number;
  /**
   * Threads the kernels run on, the calling thread included (1 to 64). Default: the cores available,
   * at most 8, where workers can share memory (Node, Deno, cross-origin isolated pages); 1 elsewhere.
   * Where shared memory is not available the backend runs one thread and says why in
   * `threadsFallbackReason`.
   */
  threads?: number;
  /**
   * Work below which a kernel stays on the calling thread, per thread, in elements (matmul: in
   * multiply-adds / 32); default 65536. Waking a sleeping worker costs tens of microseconds.
   */
  minWorkPerThread?: number;
}

const WASM32_MAX_MIB = 4096;
const MAX_THREADS = 64;

/** Ends the workers of a backend collected without dispose() (Deno and browsers keep idle workers). */
const unreachableBackends = new FinalizationRegistry<ThreadPool>((pool) => pool.dispose());

class WasmStorage implements Storage {
  freed = false;
  constructor(readonly owner: WasmBackend, readonly offset: number, readonly length: number) {}
}

/** Op codes: positions in the op table, as assembly/ops.generated.ts numbers them. */
const codes = <T extends string>(ops: readonly T[]) => new Map<T, number>(ops.map((op, i) => [op, i]));
const unaryCodes = codes(UNARY_OPS), binaryCodes = codes(BINARY_OPS), reduceCodes = codes(REDUCE_OPS);

/**
 * Creates a wasm backend: compiles the embedded kernel module (relaxed SIMD where supported), and
 * where more than one thread is asked (or is the default), instantiates it on a shared memory and
 * starts the worker threads. Throws ValueError for bad options; falls back to one thread, with
 * `threadsFallbackReason` set, where threads cannot run.
 */
export async function createWasmBackend(options?: WasmBackendOptions): Promise<WasmBackend> {
  const given = checkOptions('createWasmBackend', options, ['variant', 'maxMemoryMiB', 'threads', 'minWorkPerThread']);
  const variant = oneOf('createWasmBackend', 'variant', given.variant ?? 'auto', ['auto', 'simd', 'relaxed-simd'] as const);
  const maxMemoryMiB = given.maxMemoryMiB ?? WASM32_MAX_MIB;
  if (typeof maxMemoryMiB !== 'number' || !(maxMemoryMiB > 0) || maxMemoryMiB > WASM32_MAX_MIB)
    throw new ValueError(`createWasmBackend: maxMemoryMiB must be a number in (0, ${WASM32_MAX_MIB}], got ${String(maxMemoryMiB)}`);
  const threads = given.threads === undefined ? undefined : integer('createWasmBackend', 'threads', given.threads, { min: 1, max: MAX_THREADS });
  const minWork = given.minWorkPerThread === undefined ? MIN_WORK_PER_THREAD
    : integer('createWasmBackend', 'minWorkPerThread', given.minWorkPerThread, { min: 1 });
  const chosen: WasmVariant = variant === 'auto' ? (relaxedSimdSupported() ? 'relaxed-simd' : 'simd') : variant;
  const { instance, pool, fallbackReason } = await startThreads(chosen, maxMemoryMiB, threads);
  return new WasmBackend(instance, chosen, maxMemoryMiB, { pool, fallbackReason, minWork });
}

/**
 * The WebAssembly backend: SIMD AssemblyScript kernels over storages in the module's linear memory,
 * allocated from a free-list arena, run on `threads` threads sharing that memory. Create it with
 * createWasmBackend().
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm';
  /** Threads the kernels run on, the calling thread included. */
  readonly threads: number;
  /** Why the backend runs one thread where more were asked or would be the default; null otherwise. */
  readonly threadsFallbackReason: string | null;
  private kernels: KernelExports | null;
  private readonly memory: WebAssembly.Memory;
  private readonly runner: KernelRunner;
  private readonly arena: Arena;
  private liveStorages = 0;
  private liveBytes = 0;
  /** Blocks kept between calls and grown as needed (matmul packing, walk parameters), by use. */
  private readonly reserved = new Map<string, { offset: number; bytes: number }>();

  private readonly pool: ThreadPool | null;

  constructor(
    instance: KernelInstance, readonly variant: WasmVariant, maxMemoryMiB: number,
    { pool = null, fallbackReason = null, minWork = MIN_WORK_PER_THREAD }: WasmThreads = {},
  ) {
    this.kernels = instance.kernels;
    this.memory = instance.memory;
    this.pool = pool;
    this.arena = new Arena(this.memory, instance.kernels.heapBase(), maxMemoryMiB * 2 ** 20);
    const reserve = (key: string, bytes: number) => this.reserve(key, bytes);
    this.runner = new KernelRunner(instance.kernels, pool, reserve, () => this.memory.buffer, minWork);
    this.threads = this.runner.threads;
    this.threadsFallbackReason = fallbackReason;
    if (pool) unreachableBackends.register(this, pool, this);
  }

  get disposed(): boolean {
    return this.kernels === null;
  }

  /** The kernel runner, after checking that the backend is alive. */
  private run(): KernelRunner {
    if (!this.kernels) throw new DisposedError('the wasm backend was disposed');
    return this.runner;
  }

  /** Byte offset of a live storage of this backend. */
  private at(storage: Storage): number {
    const s = storage as WasmStorage;
    if (!(s instanceof WasmStorage) || s.owner !== this) throw new ValueError('wasm: storage belongs to another backend');
    if (s.freed) throw new DisposedError('wasm: storage used after free');
    return s.offset;
  }

  alloc(length: number): Storage {
    this.run();
    if (!Number.isSafeInteger(length) || length < 0)
      throw new ValueError(`wasm: a storage length must be a non-negative integer, got ${length}`);
    const bytes = length * 4;
    if (bytes > WASM32_MAX_MIB * 2 ** 20)
      throw new ResourceLimitError(`wasm: cannot allocate ${length} f32 (${bytes} bytes): over what wasm32 addresses`);
    const storage = new WasmStorage(this, this.arena.alloc(bytes), length);
    this.liveStorages++;
    this.liveBytes += Arena.blockSize(bytes);
    return storage;
  }

  free(storage: Storage): void {
    const s = storage as WasmStorage;
    if (!this.kernels || !(s instanceof WasmStorage) || s.owner !== this || s.freed) return;
    s.freed = true;
    this.arena.free(s.offset, s.length * 4);
    this.liveStorages--;
    this.liveBytes -= Arena.blockSize(s.length * 4);
  }

  /**
   * A zero-copy view of a storage, valid until the next allocation (which may grow memory). With
   * threads the memory is shared: the view is on a SharedArrayBuffer, and one taken before a growth
   * keeps its length rather than becoming empty.
   */
  view(storage: Storage): Float32Array {
    const offset = this.at(storage);
    this.run();
    return new Float32Array(this.memory.buffer, offset, storage.length);
  }

  write(storage: Storage, data: Float32Array): void {
    this.view(storage).set(data);
  }

  async read(storage: Storage, into?: Float32Array): Promise<Float32Array> {
    return this.readSync(storage, into);
  }

  readSync(storage: Storage, into?: Float32Array): Float32Array {
    const view = this.view(storage);
    if (!into) return view.slice();
    into.set(view);
    return into;
  }

  memoryStats(): MemoryStats {
    return {
      liveStorages: this.liveStorages,
      liveBytes: this.liveBytes,
      reservedBytes: this.kernels ? this.arena.reservedBytes : 0,
    };
  }

  /** Frees everything and ends the worker threads. */
  dispose(): void {
    this.kernels = null;
    this.pool?.dispose();
    unreachableBackends.unregister(this);
    this.liveStorages = 0;
    this.liveBytes = 0;
  }

  /** The block kept for `key`, grown to at least `bytes`; its old offset is forgotten before allocating. */
  private reserve(key: string, bytes: number): number {
    let block = this.reserved.get(key);
    if (!block) this.reserved.set(key, (block = { offset: 0, bytes: 0 }));
    if (bytes > block.bytes) {
      const old = { ...block };
      block.offset = 0;
      block.bytes = 0;
      if (old.bytes > 0) this.arena.free(old.offset, old.bytes);
      block.offset = this.arena.alloc(bytes);
      block.bytes = bytes;
    }
    return block.offset;
  }

  fill(out: Storage, value: number, length: number): void {
    this.run().fill(this.at(out), value, length);
  }

  copy(src: Storage, out: Storage, length: number): void {
    this.run().copy(this.at(src), this.at(out), length);
  }

  unary(op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number, beta: number): void {
    this.run().unary(unaryCodes.get(op)!, this.at(x), this.at(out), length, alpha, beta);
  }

  binary(op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout, alpha: number, beta: number): void {
    this.run().binary(binaryCodes.get(op)!, this.at(a), this.at(b), this.at(out), layout, alpha, beta);
  }

  reduce(op: ReduceOp, x: Storage, out: Storage, layout: AxisLayout): void {
    this.run().reduce(reduceCodes.get(op)!, this.at(x), this.at(out), layout);
  }

  argReduce(op: ArgReduceOp, x: Storage, out: Storage, layout: AxisLayout): void {
    this.run().argReduce(op === 'argmax', this.at(x), this.at(out), layout);
  }

  matmul(a: Storage, b: Storage, c: Storage, args: MatmulArgs): void {
    const pointers = { a: this.at(a), b: this.at(b), c: this.at(c), bias: args.bias ? this.at(args.bias) : 0 };
    runMatmul(this.run(), pointers, args, (bytes) => this.reserve('matmul', bytes));
  }

  stridedCopy(x: Storage, out: Storage, layout: StridedLayout): void {
    this.run().stridedCopy(this.at(x), this.at(out), layout);
  }

  gather(x: Storage, index: Storage, out: Storage, args: GatherArgs): void {
    this.run().gather(this.at(x), this.at(index), this.at(out), args);
  }

  scatterAdd(src: Storage, index: Storage, out: Storage, args: GatherArgs): void {
    this.run().scatterAdd(this.at(src), this.at(index), this.at(out), args);
  }

  softmax(x: Storage, out: Storage, rows: number, cols: number, log: boolean): void {
    this.run().softmax(this.at(x), this.at(out), rows, cols, log);
  }

  crossEntropy(
    logits: Storage, labels: Storage, loss: Storage, grad: Storage | null,
    rows: number, cols: number, gradScale: number,
  ): void {
    const pointers = [this.at(logits), this.at(labels), this.at(loss), grad ? this.at(grad) : 0] as const;
    this.run().crossEntropy(...pointers, rows, cols, gradScale);
  }

  dropout(x: Storage, out: Storage, length: number, args: DropoutArgs): void {
    this.run().dropout(this.at(x), this.at(out), length, args);
  }

  sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, args: SgdArgs): void {
    const pointers = [this.at(param), this.at(grad), velocity ? this.at(velocity) : 0] as const;
    this.run().sgdUpdate(...pointers, length, args.lr, args.weightDecay, args.momentum);
  }

  adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, args: AdamArgs): void {
    const { lr, beta1, beta2, eps, weightDecay, biasCorrection1, biasCorrection2 } = args;
    const pointers = [this.at(param), this.at(grad), this.at(m), this.at(v)] as const;
    this.run().adamUpdate(...pointers, length, [lr, beta1, beta2, eps, weightDecay, biasCorrection1, biasCorrection2]);
  }

  /** Philox 4x32-10 of one counter and key, computed by the module (for known-answer tests). */
  philox(counter: readonly number[], key: readonly number[]): number[] {
    const k = this.run().kernels;
    const out = this.arena.alloc(16);
    try {
      k.philox4x32_10(out, counter[0], counter[1], counter[2], counter[3], key[0], key[1]);
      return Array.from(new Uint32Array(this.memory.buffer, out, 4));
    } finally {
      this.arena.free(out, 16);
    }
  }

  /** Free blocks in the arena (for tests of coalescing). */
  get freeBlockCount(): number {
    return this.arena.freeBlockCount;
  }
}
