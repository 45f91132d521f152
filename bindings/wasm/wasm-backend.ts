import type {
  AdamArgs, Backend, BinaryOp, BroadcastLayout, DropoutArgs, MatmulArgs, MemoryStats, SgdArgs, Storage, UnaryOp,
} from '../backend.js';
import { BINARY_OPS, UNARY_OPS } from '../backend.js';
import { DisposedError, ResourceLimitError, ValueError } from '../errors.js';
import { Arena } from './arena.js';
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

const unaryCodes = new Map<UnaryOp, number>(UNARY_OPS.map((op, i) => [op, i]));
const binaryCodes = new Map<BinaryOp, number>(BINARY_OPS.map((op, i) => [op, i]));

/** True where `strides` walks `shape` contiguously (dimensions of size 1 ignored). */
function isContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && strides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}

function isBroadcastScalar(shape: readonly number[], strides: readonly number[]): boolean {
  return shape.every((n, d) => n === 1 || strides[d] === 0);
}

export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  const { variant = 'auto', maxMemoryMiB = WASM32_MAX_MIB } = options;
  if (variant !== 'auto' && variant !== 'simd' && variant !== 'relaxed-simd')
    throw new ValueError(`wasm: variant must be 'auto', 'simd' or 'relaxed-simd', got ${String(variant)}`);
  if (typeof maxMemoryMiB !== 'number' || !(maxMemoryMiB > 0) || maxMemoryMiB > WASM32_MAX_MIB)
    throw new ValueError(`wasm: maxMemoryMiB must be a number in (0, ${WASM32_MAX_MIB}], got ${String(maxMemoryMiB)}`);
  const chosen: WasmVariant = variant === 'auto' ? (relaxedSimdSupported() ? 'relaxed-simd' : 'simd') : variant;
  return new WasmBackend(await instantiateKernels(chosen), chosen, maxMemoryMiB);
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
  private scratch = { offset: 0, bytes: 0 };

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

  async read(storage: Storage): Promise<Float32Array> {
    return this.readSync(storage);
  }

  readSync(storage: Storage): Float32Array {
    return this.view(storage).slice();
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

  fill(out: Storage, value: number, length: number): void {
    this.k().fill(this.at(out), value, length);
  }

  copy(src: Storage, out: Storage, length: number): void {
    this.k().copy(this.at(src), this.at(out), length);
  }

  unary(op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number): void {
    this.k().unary(unaryCodes.get(op)!, this.at(x), this.at(out), length, alpha);
  }

  binary(op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout): void {
    const k = this.k(), code = binaryCodes.get(op)!;
    const pa = this.at(a), pb = this.at(b), po = this.at(out);
    const { outShape: shape, aStrides, bStrides } = layout;
    const total = shape[0] * shape[1] * shape[2] * shape[3];
    if (total === 0) return;
    if (isContiguous(shape, aStrides)) {
      if (isContiguous(shape, bStrides)) return k.binarySame(code, pa, pb, po, total);
      if (isBroadcastScalar(shape, bStrides)) return k.binaryScalarB(code, pa, pb, po, total);
      const cols = shape[3], rows = total / cols;
      const leading = [shape[0], shape[1], shape[2]];
      if (bStrides[3] === 1 && isBroadcastScalar(leading, bStrides.slice(0, 3)))
        return k.binaryRowB(code, pa, pb, po, rows, cols);
      if (bStrides[3] === 0 && isContiguous(leading, bStrides.slice(0, 3)))
        return k.binaryColumnB(code, pa, pb, po, rows, cols);
    }
    k.binaryStrided(code, pa, pb, po, ...shape, ...aStrides, ...bStrides);
  }

  sum(x: Storage, out: Storage, outer: number, length: number, inner: number): void {
    this.k().sum(this.at(x), this.at(out), outer, length, inner);
  }

  matmul(a: Storage, b: Storage, c: Storage, args: MatmulArgs): void {
    const { m, n, k, transA, transB, bias, relu } = args;
    const pa = this.at(a), pb = this.at(b), pc = this.at(c), pbias = bias ? this.at(bias) : 0;
    const scratch = this.matmulScratch(m, n, k);
    this.k().matmul(pa, pb, pc, m, n, k, transA ? 1 : 0, transB ? 1 : 0, pbias, relu ? 1 : 0, scratch);
  }

  /** The packing region matmul needs, kept between calls and grown as needed. */
  private matmulScratch(m: number, n: number, k: number): number {
    const bytes = this.k().matmulScratchBytes(m, n, k);
    if (bytes > this.scratch.bytes) {
      // Forget the old block before allocating: if the allocation throws, no stale offset survives.
      const old = this.scratch;
      this.scratch = { offset: 0, bytes: 0 };
      if (old.bytes > 0) this.arena.free(old.offset, old.bytes);
      this.scratch = { offset: this.arena.alloc(bytes), bytes };
    }
    return this.scratch.offset;
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

  argmax(x: Storage, out: Storage, rows: number, cols: number): void {
    this.k().argmax(this.at(x), this.at(out), rows, cols);
  }

  reluBackward(y: Storage, dy: Storage, dx: Storage, length: number): void {
    this.k().reluBackward(this.at(y), this.at(dy), this.at(dx), length);
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
