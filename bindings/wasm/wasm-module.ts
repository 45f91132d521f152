/** Loading the embedded kernel module: base64 decoding, relaxed-SIMD detection, compilation. */
import { BackendError } from '../errors.js';
import { RELAXED_SIMD_WASM_BASE64, SIMD_WASM_BASE64 } from './wasm-binary.generated.js';

export type WasmVariant = 'simd' | 'relaxed-simd';

/** The kernels the module exports: pointers are byte offsets into its memory, ops the op table's codes. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  fill(out: number, value: number, length: number): void;
  copy(src: number, out: number, length: number): void;
  unary(op: number, x: number, out: number, length: number, alpha: number, beta: number): void;
  binary(
    op: number, kind: number, a: number, b: number, out: number, rows: number, cols: number,
    alpha: number, beta: number, walk: number,
  ): void;
  reduce(op: number, x: number, out: number, outer: number, length: number, inner: number): void;
  argReduce(x: number, out: number, outer: number, length: number, inner: number, max: number): void;
  stridedCopy(x: number, out: number, walk: number): void;
  gather(
    x: number, index: number, out: number, outer: number, length: number, inner: number, count: number,
    s0: number, s1: number, s2: number,
  ): void;
  scatterAdd(
    src: number, index: number, out: number, outer: number, length: number, inner: number, count: number,
    s0: number, s1: number, s2: number,
  ): void;
  matmulScratchBytes(m: number, n: number, k: number): number;
  matmul(
    a: number, b: number, c: number, m: number, n: number, k: number,
    transA: number, transB: number, bias: number, relu: number, scratch: number,
  ): void;
  softmax(x: number, out: number, rows: number, cols: number, log: number): void;
  crossEntropy(
    logits: number, labels: number, loss: number, grad: number, rows: number, cols: number, gradScale: number,
  ): void;
  dropout(
    x: number, out: number, length: number, threshold: number, scale: number,
    seedLo: number, seedHi: number, offset: number,
  ): void;
  philox4x32_10(out: number, c0: number, c1: number, c2: number, c3: number, k0: number, k1: number): void;
  sgdUpdate(param: number, grad: number, velocity: number, length: number, lr: number, weightDecay: number, momentum: number): void;
  adamUpdate(
    param: number, grad: number, m: number, v: number, length: number,
    lr: number, beta1: number, beta2: number, eps: number, weightDecay: number,
    biasCorrection1: number, biasCorrection2: number,
  ): void;
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

export function relaxedSimdSupported(): boolean {
  return WebAssembly.validate(RELAXED_PROBE);
}

const compiled = new Map<WasmVariant, Promise<WebAssembly.Module>>();

function compile(variant: WasmVariant): Promise<WebAssembly.Module> {
  let module = compiled.get(variant);
  if (!module) {
    const bytes = decodeBase64(variant === 'relaxed-simd' ? RELAXED_SIMD_WASM_BASE64 : SIMD_WASM_BASE64);
    module = WebAssembly.compile(bytes);
    compiled.set(variant, module);
    module.catch(() => compiled.delete(variant));
  }
  return module;
}

/** Instantiates a fresh kernel module (its own memory) of the given variant. */
export async function instantiateKernels(variant: WasmVariant): Promise<KernelExports> {
  try {
    const instance = await WebAssembly.instantiate(await compile(variant), {});
    return instance.exports as unknown as KernelExports;
  } catch (cause) {
    throw new BackendError(`wasm: cannot instantiate the ${variant} kernel module: ${String(cause)}`);
  }
}
