/**
 * Matmul shapes that reach every path of the wasm kernel beyond the shared table: several K, M and
 * N blocks, the few-rows path with transposed A, narrow outputs computed transposed, and k = 0.
 */
import * as k from '../bindings/kernels/index.js';
import { tensor } from '../bindings/tensor.js';
import type { Backend } from '../bindings/backend.js';
import { createWasmBackend } from '../bindings/wasm/wasm-backend.js';
import { describeKernelTable } from './backend-harness.js';
import { reductionTolerance, type KernelCase } from './kernel-cases/index.js';
import { uniform } from './random.js';

const backend = await createWasmBackend({ variant: 'simd' });

const SHAPES: { m: number; n: number; k: number; combos: [boolean, boolean][] }[] = [
  { m: 2, n: 33, k: 70, combos: [[false, false], [true, false], [false, true], [true, true]] },
  { m: 3, n: 1, k: 9, combos: [[true, true], [false, false]] },
  { m: 300, n: 5, k: 20, combos: [[false, false], [true, true]] },
  { m: 700, n: 1, k: 9, combos: [[false, true], [true, false]] },
  { m: 9, n: 1100, k: 300, combos: [[false, false], [true, true]] },
  { m: 133, n: 40, k: 520, combos: [[true, false], [false, true]] },
  { m: 4, n: 0, k: 5, combos: [[false, false]] },
  { m: 3, n: 4, k: 0, combos: [[false, false], [true, true]] },
];

function input(b: Backend, shape: number[], seed: number) {
  return tensor(uniform(shape[0] * shape[1], seed), shape, { backend: b });
}

const cases: KernelCase[] = [];
for (const { m, n, k: kk, combos } of SHAPES)
  for (const [transA, transB] of combos)
    for (const epilogue of ['none', 'bias+relu'] as const)
      cases.push({
        name: `matmul m=${m} n=${n} k=${kk} ${transA ? 'Aᵀ' : 'A'}·${transB ? 'Bᵀ' : 'B'} ${epilogue}`,
        tolerance: reductionTolerance(kk),
        async run(b) {
          const a = input(b, transA ? [kk, m] : [m, kk], m + kk);
          const bm = input(b, transB ? [n, kk] : [kk, n], n + 3 * kk);
          const bias = epilogue === 'none' ? null : tensor(uniform(n, n), [n], { backend: b });
          const c = k.matmul(a, bm, { transA, transB, bias, relu: bias !== null });
          const out = await c.data();
          a.dispose(); bm.dispose(); bias?.dispose(); c.dispose();
          return [out];
        },
      });

describeKernelTable('wasm matmul paths', () => backend, cases);
