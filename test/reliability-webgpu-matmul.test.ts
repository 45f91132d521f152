/**
 * WebGPU matmul at its edges: loads past the end of a row (K, M or N not a multiple of 4) must read
 * nothing, which only non-finite data shows (an over-read Inf times a zero pad is NaN).
 */
import { CpuBackend, DIRECT_MATMUL, TILED_MATMUL, kernels as k, tensor, type Backend, type MatmulConfig } from '../bindings/index.js';
import { firstMismatch } from './backend-harness.js';
import { uniform } from './random.js';
import { describeWebGPU } from './webgpu-node-device.js';

const cpu = new CpuBackend();

/** A stored matrix of `rows` x `cols` values in [-1, 1) with `special` at the start of its second row. */
function operand(rows: number, cols: number, seed: number, special: number): Float32Array {
  const data = uniform(rows * cols, seed, -1, 1);
  data[cols] = special;
  return data;
}

async function product(backend: Backend, a: Float32Array, aShape: number[], b: Float32Array, bShape: number[], transA: boolean, transB: boolean) {
  const ta = tensor(a, aShape, { backend }), tb = tensor(b, bShape, { backend });
  const c = k.matmul(ta, tb, { transA, transB });
  const out = await c.data();
  for (const t of [ta, tb, c]) t.dispose();
  return out;
}

const CONFIGS: [string, MatmulConfig][] = [['direct', DIRECT_MATMUL], ['tiled', TILED_MATMUL]];
const SPECIALS = [Infinity, -Infinity, NaN];

for (const [kernel, matmul] of CONFIGS) {
  describeWebGPU(`matmul (${kernel}) with non-finite values next to the edges of rows`, (gpu) => {
    // m, k, n: none a multiple of 4 (scalar loads), and a row of C past the first tile in one case.
    const shapes: [number, number, number][] = [[2, 5, 3], [6, 5, 7], [9, 13, 6], [70, 3, 5]];
    const cases = shapes.flatMap((shape) => [false, true].flatMap((transA) => [false, true].map((transB) => [shape, transA, transB] as const)));

    test.each(cases)('[m, k, n] = %j, transA %s, transB %s: equal to the cpu reference', async ([m, kk, n], transA, transB) => {
      for (const special of SPECIALS) {
        const aShape = transA ? [kk, m] : [m, kk], bShape = transB ? [n, kk] : [kk, n];
        const a = operand(aShape[0], aShape[1], m + kk, special), b = operand(bShape[0], bShape[1], n * kk, special);
        const want = await product(cpu, a, aShape, b, bShape, transA, transB);
        const got = await product(gpu(), a, aShape, b, bShape, transA, transB);
        const mismatch = firstMismatch(got, want, 1e-5);
        if (mismatch) throw new Error(`special ${special}: element ${mismatch.index} is ${mismatch.got}, the reference ${mismatch.want}`);
      }
    });
  }, { matmul });
}
