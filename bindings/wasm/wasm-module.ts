/** Loading the embedded kernel module: base64 decoding, relaxed-SIMD detection, compilation, instantiation. */
import { BackendError } from '../errors.js';
import {
  RELAXED_SIMD_SHARED_WASM_BASE64, RELAXED_SIMD_WASM_BASE64, SIMD_SHARED_WASM_BASE64, SIMD_WASM_BASE64,
} from './wasm-binary.generated.js';

export type WasmVariant = 'simd' | 'relaxed-simd';

/** The kernels the module exports: pointers are byte offsets into its memory, ops the op table's codes. */
export interface KernelExports {
  heapBase(): number;
  fill(out: number, value: number, length: number): void;
  copy(src: number, out: number, length: number): void;
  unary(op: number, x: number, out: number, length: number, alpha: number, beta: number): void;
  binary(
    op: number, kind: number, a: number, b: number, out: number, rows: number, cols: number,
    alpha: number, beta: number, walk: number,
  ): void;
  reduce(op: number, x: number, out: number, outer: number, length: number, inner: number, stride: number): void;
  argReduce(x: number, out: number, outer: number, length: number, inner: number, stride: number, max: number): void;
  stridedCopy(x: number, out: number, walk: number): void;
  gather(
    x: number, index: number, out: number, outer: number, length: number, inner: number, count: number,
    s0: number, s1: number, s2: number,
  ): void;
  scatterAdd(
    src: number, index: number, out: number, outer: number, length: number, inner: number, count: number,
    s0: number, s1: number, s2: number,
  ): void;
  matmulRoute(m: number, n: number, k: number): number;
  matmulBlocking(which: number): number;
  matmulGroupDepth(m: number, n: number, k: number): number;
  matmulScratchBytes(m: number, n: number, k: number, threads: number): number;
  matmul(
    a: number, b: number, c: number, m: number, n: number, k: number,
    transA: number, transB: number, bias: number, relu: number, scratch: number,
  ): void;
  matmulBatch(
    a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, bias: number,
    relu: number, scratch: number, thread: number, aStride: number, bStride: number, batch0: number, batch1: number,
  ): void;
  matmulPackB(
    a: number, b: number, m: number, n: number, k: number, transA: number, transB: number, scratch: number,
    jc: number, pc: number, panel0: number, panel1: number,
  ): void;
  matmulCompute(
    a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, bias: number,
    relu: number, scratch: number, thread: number, jc: number, pc: number, row0: number, row1: number,
    panel0: number, panel1: number,
  ): void;
  matmulFewRows(
    a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, bias: number,
    relu: number, scratch: number, thread: number, col0: number, col1: number,
  ): void;
  softmax(x: number, out: number, rows: number, cols: number, log: number): void;
  crossEntropy(
    logits: number, labels: number, loss: number, grad: number, rows: number, cols: number, gradScale: number,
  ): void;
  dropout(
    x: number, out: number, length: number, threshold: number, scale: number,
    seedLo: number, seedHi: number, offset: number, first: number,
  ): void;
  philox4x32_10(out: number, c0: number, c1: number, c2: number, c3: number, k0: number, k1: number): void;
  sgdUpdate(param: number, grad: number, velocity: number, length: number, lr: number, weightDecay: number, momentum: number): void;
  adamUpdate(
    param: number, grad: number, m: number, v: number, length: number,
    lr: number, beta1: number, beta2: number, eps: number, weightDecay: number,
    biasCorrection1: number, biasCorrection2: number,
  ): void;
}

/** A kernel the worker threads can run: any export but the queries and the single-call helpers. */
export type KernelName = {
  [K in keyof KernelExports]: KernelExports[K] extends (...args: number[]) => void ? K : never;
}[keyof KernelExports];

/** One instance of the module and the memory it works on. */
export interface KernelInstance {
  readonly kernels: KernelExports;
  readonly memory: WebAssembly.Memory;
  /** The compiled module, for instantiating it again in worker threads (shared builds only). */
  readonly module: WebAssembly.Module;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A module of one function that uses f32x4.relaxed_madd: valid only where relaxed SIMD is supported. */
const RELAXED_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, // type: (v128 v128 v128) -> v128
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b, // f32x4.relaxed_madd
]);

/** Whether this runtime compiles relaxed SIMD (then the relaxed build, with fused multiply-add, can run). */
export function relaxedSimdSupported(): boolean {
  return WebAssembly.validate(RELAXED_PROBE);
}

const BINARIES: Record<WasmVariant, { own: string; shared: string }> = {
  simd: { own: SIMD_WASM_BASE64, shared: SIMD_SHARED_WASM_BASE64 },
  'relaxed-simd': { own: RELAXED_SIMD_WASM_BASE64, shared: RELAXED_SIMD_SHARED_WASM_BASE64 },
};

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** The compiled module: the build with its own memory, or the one that imports a shared memory. */
function compile(variant: WasmVariant, shared: boolean): Promise<WebAssembly.Module> {
  const key = `${variant}${shared ? '-shared' : ''}`;
  let module = compiled.get(key);
  if (!module) {
    module = WebAssembly.compile(decodeBase64(BINARIES[variant][shared ? 'shared' : 'own']));
    compiled.set(key, module);
    module.catch(() => compiled.delete(key));
  }
  return module;
}

/**
 * Instantiates a fresh kernel module of the given variant: with its own memory, or (when `shared` is
 * given) on that shared memory, which worker threads can then instantiate the same module on.
 */
export async function instantiateKernels(variant: WasmVariant, shared?: WebAssembly.Memory): Promise<KernelInstance> {
  try {
    const module = await compile(variant, shared !== undefined);
    const imports: WebAssembly.Imports = shared ? { env: { memory: shared } } : {};
    const instance = await WebAssembly.instantiate(module, imports);
    const kernels = instance.exports as unknown as KernelExports;
    const memory = shared ?? (instance.exports.memory as WebAssembly.Memory);
    return { kernels, memory, module };
  } catch (cause) {
    throw new BackendError(`wasm: cannot instantiate the ${variant} kernel module: ${String(cause)}`);
  }
}
