/** Kernel-table cases of the matmul: transposes, epilogues, awkward shapes, broadcast batches. */
import * as k from '../../bindings/kernels/index.js';
import { input, reductionTolerance, withInputs, type KernelCase } from './case.js';

export const MATMUL_SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 17, 1], [17, 3, 257], [1, 784, 3], [255, 17, 257], [257, 3, 784],
  [17, 257, 255], [784, 17, 3], [64, 64, 64], [128, 96, 256], [256, 10, 256], [33, 65, 129],
];

/** Batched operand shapes: both batched, one shared, broadcast batch axes that need expanding. */
const BATCHED: [number[], number[]][] = [
  [[2, 17, 5], [2, 5, 3]], [[3, 4, 17], [17, 9]], [[4, 17], [3, 17, 6]], [[2, 1, 3, 4], [5, 4, 7]], [[2, 3, 1, 1, 2, 3], [3, 4]],
];

export function matmulCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [m, n, kk] of MATMUL_SHAPES)
    for (const transA of [false, true])
      for (const transB of [false, true])
        // Every epilogue on a few shapes, the plain product and the full epilogue on all.
        for (const epilogue of m === 17 || m === 256 ? (['none', 'bias', 'bias+relu', 'relu'] as const) : (['none', 'bias+relu'] as const)) {
          const bias = epilogue.startsWith('bias'), relu = epilogue.endsWith('relu');
          cases.push({
            name: `matmul m=${m} n=${n} k=${kk} ${transA ? 'Aᵀ' : 'A'}·${transB ? 'Bᵀ' : 'B'} ${epilogue}`,
            tolerance: reductionTolerance(kk),
            run: (backend) =>
              withInputs(
                [input(backend, transA ? [kk, m] : [m, kk], m * 7 + kk), input(backend, transB ? [n, kk] : [kk, n], n * 13 + kk), input(backend, [n], n)],
                (a, b, biasT) => k.matmul(a, b, { transA, transB, bias: bias ? biasT : null, relu }),
              ),
          });
        }
  for (const [aShape, bShape] of BATCHED)
    for (const transB of [false, true]) {
      const b = transB ? [...bShape.slice(0, -2), bShape[bShape.length - 1], bShape[bShape.length - 2]] : bShape;
      cases.push({
        name: `batched matmul ${JSON.stringify(aShape)}·${JSON.stringify(b)}${transB ? 'ᵀ' : ''}`,
        tolerance: reductionTolerance(aShape[aShape.length - 1]),
        run: (backend) => withInputs([input(backend, aShape, 1), input(backend, b, 2)], (x, y) => k.matmul(x, y, { transB })),
      });
    }
  return cases;
}
