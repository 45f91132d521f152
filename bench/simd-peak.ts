/**
 * The GEMM-shaped SIMD128 peak: a wasm function, encoded here byte by byte, whose loop runs 12
 * independent chains `acc_i = acc_i + acc_i · x` in f32x4 (a multiply and an add each, 96 flops an
 * iteration) and does nothing else: no loads, no stores. Each product involves its own accumulator,
 * so the compiler can neither merge the products nor move them out of the loop. It is what a matmul
 * micro-kernel built of f32x4.mul and f32x4.add could at best reach on this machine, and the
 * yardstick of `npm run bench -- peak`.
 */

/** 12: with x and a product in flight they fill the 16 vector registers of x64; 14 spilled to the stack. */
const CHAINS = 12;
/** Flops per loop iteration: CHAINS chains × 4 lanes × (a multiply and an add). */
export const PEAK_FLOPS_PER_ITERATION = CHAINS * 4 * 2;

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const f32 = (v: number) => [...new Uint8Array(new Float32Array([v]).buffer)];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const simd = (op: number) => [0xfd, ...leb(op)];
const F32X4_SPLAT = 0x13, F32X4_EXTRACT_LANE = 0x1f, F32X4_ADD = 0xe4, F32X4_MUL = 0xe6;
const LOCAL_GET = 0x20, LOCAL_SET = 0x21;

/** The module: one export, `peak(iterations: i32) → f32` (the sum of the chains, so none is dead code). */
export function simdPeakModule(): Uint8Array<ArrayBuffer> {
  // Locals: 0 the iteration count (parameter); 1..12 the chains; 13 x. Each chain grows by a factor
  // 1 + 1e-7 an iteration: no overflow nor subnormal in any run the bench makes.
  const X = CHAINS + 1;
  const body: number[] = [0x01, CHAINS + 1, 0x7b]; // the chains and x
  const splat = (local: number, value: number) => body.push(0x43, ...f32(value), ...simd(F32X4_SPLAT), LOCAL_SET, local);
  splat(X, 1e-7);
  for (let c = 0; c < CHAINS; c++) splat(1 + c, 1 + c);
  body.push(0x02, 0x40, 0x03, 0x40); // block, loop
  body.push(LOCAL_GET, 0, 0x45, 0x0d, 1); // if iterations == 0, leave the block
  for (let c = 0; c < CHAINS; c++)
    body.push(LOCAL_GET, 1 + c, LOCAL_GET, 1 + c, LOCAL_GET, X, ...simd(F32X4_MUL), ...simd(F32X4_ADD), LOCAL_SET, 1 + c);
  body.push(LOCAL_GET, 0, 0x41, 1, 0x6b, LOCAL_SET, 0); // iterations -= 1
  body.push(0x0c, 0, 0x0b, 0x0b); // br to the loop; end loop; end block
  body.push(LOCAL_GET, 1);
  for (let c = 1; c < CHAINS; c++) body.push(LOCAL_GET, 1 + c, ...simd(F32X4_ADD));
  body.push(...simd(F32X4_EXTRACT_LANE), 0, 0x0b);
  const name = [...new TextEncoder().encode('peak')];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7d]), // type 0: (i32) -> f32
    ...section(3, [1, 0]), // one function of type 0
    ...section(7, [1, name.length, ...name, 0x00, 0]), // export "peak" = function 0
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}
