/**
 * Each fast path with a documented accuracy, held to that accuracy against f64 (the kernel-table
 * tolerances, which scale with the row length, are far looser):
 * - wasm softmax and cross-entropy exp (assembly/exp.ts expAboveCutoff4): 1.9e-7 relative;
 * - wasm exp (assembly/exp.ts exp4, Cephes' expf): 1 ulp of the correctly rounded result, 0 below -87;
 * - WebGPU sin and cos (kernels/prelude.wgsl): about 1e-7 absolute for |x| up to 1e4 (held to 1.2e-7).
 */
import { createWasmBackend, kernels as k, tensor, type Backend } from '../bindings/index.js';
import { describeWebGPU } from './webgpu-node-device.js';

/** n f32 values spread evenly (golden-ratio sequence) over [lo, hi]. */
function spread(n: number, lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.fround(lo + (hi - lo) * ((i * 0.6180339887498949) % 1)));
}

function worstRelative(got: Float32Array, x: Float32Array, want: (x: number) => number, skip: (i: number) => boolean = () => false) {
  let worst = 0, at = NaN;
  for (let i = 0; i < got.length; i++) {
    if (skip(i)) continue;
    const w = want(x[i]), error = Math.abs(got[i] - w) / Math.abs(w);
    if (!(error <= worst)) [worst, at] = [error, x[i]];
  }
  return { worst, at };
}

describe('wasm fast paths', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());

  // Rows [0, t1 … t8] with every t in [-86.9, -19.5]: the exps of the t sum to under half an ulp of 1,
  // so the row total is exactly 1 and each output is the kernel's exp itself, unscaled.
  const rows = 40000, cols = 9;
  const x = new Float32Array(rows * cols);
  const ts = spread(rows * (cols - 1), -86.9, -19.5);
  for (let r = 0; r < rows; r++) x.set(ts.subarray(r * (cols - 1), (r + 1) * (cols - 1)), r * cols + 1);
  const first = (i: number) => i % cols === 0;

  test('softmax: the exp of x - max within 1.9e-7 relative over [-86.9, -19.5] (every reduced argument)', async () => {
    const input = tensor(x, [rows, cols], { backend });
    const p = k.softmax(input);
    const got = await p.data();
    expect(Array.from(got.filter((_, i) => first(i)))).toEqual(new Array(rows).fill(1));
    const { worst, at } = worstRelative(got, x, Math.exp, first);
    if (!(worst <= 1.9e-7)) throw new Error(`softmax exp relative error ${worst} at x - max = ${at}`);
    input.dispose();
    p.dispose();
  });

  test('cross-entropy: its gradient holds the same exps (label 0, scale 1), within 1.9e-7', async () => {
    const input = tensor(x, [rows, cols], { backend });
    const { loss, grad } = k.crossEntropy(input, new Array(rows).fill(0), { grad: true, gradScale: 1 });
    const got = await grad!.data();
    const { worst, at } = worstRelative(got, x, Math.exp, first);
    if (!(worst <= 1.9e-7)) throw new Error(`cross-entropy exp relative error ${worst} at x - max = ${at}`);
    // loss = log(total) + max - x[label] = log(1) + 0 - 0.
    expect(Array.from(await loss.data()).every((v) => v === 0)).toBe(true);
    for (const t of [input, loss, grad!]) t.dispose();
  });

  test('exp: within 1 ulp of the correctly rounded f32 over [-87, 88.7]; 0 below -87, Infinity above 88.8', async () => {
    const u = spread(400000, -87, 88.7);
    const input = tensor(u, [u.length], { backend });
    const y = k.unary('exp', input);
    const got = await y.data();
    let worst = 0, at = NaN;
    for (let i = 0; i < u.length; i++) {
      const rounded = Math.fround(Math.exp(u[i]));
      const ulp = 2 ** (Math.floor(Math.log2(rounded)) - 23);
      const ulps = Math.abs(got[i] - rounded) / ulp;
      if (!(ulps <= worst)) [worst, at] = [ulps, u[i]];
    }
    if (!(worst <= 1)) throw new Error(`exp is ${worst} ulp off at ${at}`);
    const edges = tensor([-87.5, -100, -Infinity, 88.8, 100, Infinity, NaN], [7], { backend });
    const e = k.unary('exp', edges);
    expect(Array.from(await e.data())).toEqual([0, 0, 0, Infinity, Infinity, Infinity, NaN]);
    for (const t of [input, y, edges, e]) t.dispose();
  });
});

describeWebGPU('WebGPU fast paths', (gpu) => {
  test.each(['sin', 'cos'] as const)('%s: within 1.2e-7 absolute for |x| up to 1e4', async (op) => {
    for (const [lo, hi] of [[-10, 10], [-1e4, 1e4]]) {
      const u = spread(100000, lo, hi);
      const input = tensor(u, [u.length], { backend: gpu() });
      const y = k.unary(op, input);
      const got = await y.data();
      let worst = 0, at = NaN;
      for (let i = 0; i < u.length; i++) {
        const error = Math.abs(got[i] - Math[op](u[i]));
        if (!(error <= worst)) [worst, at] = [error, u[i]];
      }
      if (!(worst <= 1.2e-7)) throw new Error(`${op} is ${worst} off at ${at}`);
      input.dispose();
      y.dispose();
    }
  });
});
