import type {
  AdamArgs, ArgReduceOp, AxisLayout, Backend, BinaryOp, BroadcastLayout, DropoutArgs, GatherArgs, MatmulArgs,
  MemoryStats, ReduceOp, SgdArgs, Storage, StridedLayout, UnaryOp,
} from '../backend.js';
import { DisposedError, ResourceLimitError, ValueError } from '../errors.js';
import { BINARY_OPS, REDUCE_OPS, UNARY_OPS } from '../op-table/index.js';
import { oneOf, options as checkOptions } from '../validate.js';
import { Arena } from './arena.js';
import { binaryKind, walkWords } from './layouts.js';
import { instantiateKernels, relaxedSimdSupported, type KernelExports, type WasmVariant } from './wasm-module.js';

export type { WasmVariant } from './wasm-module.js';

export interface WasmBackendOptions {
  /** 'auto' (default) picks relaxed SIMD where the runtime supports it. */
  variant?: 'auto' | WasmVariant;
  /** Upper bound on the module's linear memory; default 4096 (all that wasm32 addresses). */
  maxMemoryMiB?: number;
}

const WASM32_MAX_MIB = 4096;

class WasmStorage implements Storage {
  freed = false;
  constructor(readonly owner: WasmBackend, readonly offset: number, readonly length: number) {}
}

/** Op codes: positions in the op table, as assembly/ops.generated.ts numbers them. */
const codes = <T extends string>(ops: readonly T[]) => new Map<T, number>(ops.map((op, i) => [op, i]));
const unaryCodes = codes(UNARY_OPS), binaryCodes = codes(BINARY_OPS), reduceCodes = codes(REDUCE_OPS);

export async function createWasmBackend(options?: WasmBackendOptions): Promise<WasmBackend> {
  const given = checkOptions('createWasmBackend', options, ['variant', 'maxMemoryMiB']);
  const variant = oneOf('createWasmBackend', 'variant', given.variant ?? 'auto', ['auto', 'simd', 'relaxed-simd'] as const);
  const maxMemoryMiB = given.maxMemoryMiB ?? WASM32_MAX_MIB;
  if (typeof maxMemoryMiB !== 'number' || !(maxMemoryMiB > 0) || maxMemoryMiB > WASM32_MAX_MIB)
    throw new ValueError(`createWasmBackend: maxMemoryMiB must be a number in (0, ${WASM32_MAX_MIB}], got ${String(maxMemoryMiB)}`);
  const chosen: WasmVariant = variant === 'auto' ? (relaxedSimdSupported() ? 'relaxed-simd' : 'simd') : variant;
  return new WasmBackend(await instantiateKernels(chosen), chosen, maxMemoryMiB);
}

/** A block of the arena kept between calls and grown as needed (matmul packing, walk parameters). */
interface Reserved {
  offset: number;
  bytes: number;
}

/**
 * The WebAssembly backend: SIMD AssemblyScript kernels over storages in the module's linear memory,
 * allocated from a free-list arena. Create it with createWasmBackend().
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm';
  private kernels: KernelExports | null;
  private readonly arena: Arena;
  private liveStorages = 0;
  private liveBytes = 0;
  private readonly matmulScratch: Reserved = { offset: 0, bytes: 0 };
  private readonly walkBlock: Reserved = { offset: 0, bytes: 0 };

  constructor(kernels: KernelExports, readonly variant: WasmVariant, maxMemoryMiB: number) {
    this.kernels = kernels;
    this.arena = new Arena(kernels.memory, kernels.heapBase(), maxMemoryMiB * 2 ** 20);
  }

  get disposed(): boolean {
    return this.kernels === null;
  }

  private k(): KernelExports {
    if (!this.kernels) throw new DisposedError('the wasm backend was disposed');
    return this.kernels;
  }

  /** Byte offset of a live storage of this backend. */
  private at(storage: Storage): number {
    const s = storage as WasmStorage;
    if (!(s instanceof WasmStorage) || s.owner !== this) throw new ValueError('wasm: storage belongs to another backend');
    if (s.freed) throw new DisposedError('wasm: storage used after free');
    return s.offset;
  }

  alloc(length: number): Storage {
    this.k();
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

  /** A zero-copy view of a storage, valid until the next allocation (which may grow memory). */
  view(storage: Storage): Float32Array {
    const offset = this.at(storage);
    return new Float32Array(this.k().memory.buffer, offset, storage.length);
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

  dispose(): void {
    this.kernels = null;
    this.liveStorages = 0;
    this.liveBytes = 0;
  }

  /** The reserved block, grown to at least `bytes`; its old offset is forgotten before allocating. */
  private reserve(block: Reserved, bytes: number): number {
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

  /** Writes a strided walk into the walk block and returns its offset. */
  private walk(shape: readonly number[], strides: readonly (readonly number[])[], offsets: readonly number[]): number {
    const words = walkWords(shape, strides, offsets);
    const offset = this.reserve(this.walkBlock, words.byteLength);
    new Int32Array(this.k().memory.buffer, offset, words.length).set(words);
    return offset;
  }

  fill(out: Storage, value: number, length: number): void {
    this.k().fill(this.at(out), value, length);
  }

  copy(src: Storage, out: Storage, length: number): void {
    this.k().copy(this.at(src), this.at(out), length);
  }

  unary(op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number, beta: number): void {
    this.k().unary(unaryCodes.get(op)!, this.at(x), this.at(out), length, alpha, beta);
  }

  binary(op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout, alpha: number, beta: number): void {
    const pa = this.at(a), pb = this.at(b), po = this.at(out);
    const { kind, rows, cols } = binaryKind(layout);
    const walk = rows === 0 ? this.walk(layout.shape, layout.strides, [0, 0]) : 0;
    this.k().binary(binaryCodes.get(op)!, kind, pa, pb, po, rows, cols, alpha, beta, walk);
  }

  reduce(op: ReduceOp, x: Storage, out: Storage, { outer, length, inner }: AxisLayout): void {
    this.k().reduce(reduceCodes.get(op)!, this.at(x), this.at(out), outer, length, inner);
  }

  argReduce(op: ArgReduceOp, x: Storage, out: Storage, { outer, length, inner }: AxisLayout): void {
    this.k().argReduce(this.at(x), this.at(out), outer, length, inner, op === 'argmax' ? 1 : 0);
  }

  matmul(a: Storage, b: Storage, c: Storage, args: MatmulArgs): void {
    const { m, n, k, transA, transB, bias, relu, batch, aBatchStride, bBatchStride } = args;
    const pa = this.at(a), pb = this.at(b), pc = this.at(c), pbias = bias ? this.at(bias) : 0;
    const scratch = this.reserve(this.matmulScratch, this.k().matmulScratchBytes(m, n, k));
    for (let t = 0; t < batch; t++)
      this.k().matmul(
        pa + 4 * t * aBatchStride, pb + 4 * t * bBatchStride, pc + 4 * t * m * n, m, n, k,
        transA ? 1 : 0, transB ? 1 : 0, pbias, relu ? 1 : 0, scratch,
      );
  }

  stridedCopy(x: Storage, out: Storage, layout: StridedLayout): void {
    const px = this.at(x), po = this.at(out);
    const walk = this.walk(layout.shape, [layout.inStrides, layout.outStrides], [layout.inOffset, layout.outOffset]);
    this.k().stridedCopy(px, po, walk);
  }

  gather(x: Storage, index: Storage, out: Storage, args: GatherArgs): void {
    const { outer, length, inner, count, indexStrides: [s0, s1, s2] } = args;
    this.k().gather(this.at(x), this.at(index), this.at(out), outer, length, inner, count, s0, s1, s2);
  }

  scatterAdd(src: Storage, index: Storage, out: Storage, args: GatherArgs): void {
    const { outer, length, inner, count, indexStrides: [s0, s1, s2] } = args;
    this.k().scatterAdd(this.at(src), this.at(index), this.at(out), outer, length, inner, count, s0, s1, s2);
  }

  softmax(x: Storage, out: Storage, rows: number, cols: number, log: boolean): void {
    this.k().softmax(this.at(x), this.at(out), rows, cols, log ? 1 : 0);
  }

  crossEntropy(
    logits: Storage, labels: Storage, loss: Storage, grad: Storage | null,
    rows: number, cols: number, gradScale: number,
  ): void {
    this.k().crossEntropy(
      this.at(logits), this.at(labels), this.at(loss), grad ? this.at(grad) : 0, rows, cols, gradScale,
    );
  }

  dropout(x: Storage, out: Storage, length: number, args: DropoutArgs): void {
    const { threshold, scale, seedLo, seedHi, offset } = args;
    this.k().dropout(this.at(x), this.at(out), length, threshold, scale, seedLo, seedHi, offset);
  }

  sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, args: SgdArgs): void {
    this.k().sgdUpdate(
      this.at(param), this.at(grad), velocity ? this.at(velocity) : 0, length, args.lr, args.weightDecay, args.momentum,
    );
  }

  adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, args: AdamArgs): void {
    const { lr, beta1, beta2, eps, weightDecay, biasCorrection1, biasCorrection2 } = args;
    this.k().adamUpdate(
      this.at(param), this.at(grad), this.at(m), this.at(v), length,
      lr, beta1, beta2, eps, weightDecay, biasCorrection1, biasCorrection2,
    );
  }

  /** Philox 4x32-10 of one counter and key, computed by the module (for known-answer tests). */
  philox(counter: readonly number[], key: readonly number[]): number[] {
    const k = this.k();
    const out = this.arena.alloc(16);
    try {
      k.philox4x32_10(out, counter[0], counter[1], counter[2], counter[3], key[0], key[1]);
      return Array.from(new Uint32Array(k.memory.buffer, out, 4));
    } finally {
      this.arena.free(out, 16);
    }
  }

  /** Free blocks in the arena (for tests of coalescing). */
  get freeBlockCount(): number {
    return this.arena.freeBlockCount;
  }
}
