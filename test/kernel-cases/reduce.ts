/** Kernel-table cases of reductions along axes and argmax / argmin. */
import * as k from '../../bindings/kernels/index.js';
import { REDUCE_OPS } from '../../bindings/op-table/index.js';
import { tensor } from '../../bindings/tensor.js';
import { input, reductionTolerance, size, withInputs, type KernelCase } from './case.js';

const REDUCTIONS: [number[], number[] | undefined, boolean][] = [
  [[1], undefined, false], [[257], undefined, false], [[17, 3], [0], false], [[17, 3], [1], true],
  [[255, 257], [0], false], [[255, 257], [1], false], [[3, 17, 5], [1], false], [[3, 17, 5], [0, 2], true],
  [[784, 256], [0], false], [[2, 3, 4, 5, 6], [1, 2], false], [[2, 3, 4, 5, 6, 7], [0, 3, 5], true], [[4, 0, 3], [2], false],
];

function reduceCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const op of REDUCE_OPS)
    for (const [shape, axes, keep] of REDUCTIONS) {
      if ((op === 'max' || op === 'min') && shape.includes(0)) continue;
      // Products of many values in [-1, 1] vanish; keep them near 1.
      const [lo, hi] = op === 'prod' ? [0.9, 1.1] : [-1, 1];
      cases.push({
        name: `reduce ${op} ${JSON.stringify(shape)} axes ${JSON.stringify(axes ?? 'all')}${keep ? ' keepDims' : ''}`,
        tolerance: reductionTolerance(size(shape)),
        run: (backend) => withInputs([input(backend, shape, shape.length * 17, lo, hi)], (x) => k.reduce(op, x, axes, keep)),
      });
    }
  for (const op of REDUCE_OPS)
    cases.push({
      name: `reduce ${op} of rows holding NaN and ±Inf`,
      tolerance: 1e-6,
      run: (backend) => {
        const rows = [[1, NaN, 3], [Infinity, 1, 2], [-Infinity, 0, 5], [NaN, Infinity, -Infinity], [2, 2, 2]];
        return withInputs([tensor(rows.flat(), [5, 3], { backend })], (x) => [k.reduce(op, x, 1), k.reduce(op, x, 0)]);
      },
    });
  return cases;
}

function argCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const shapes: [number[], number | undefined][] = [
    [[257], undefined], [[1, 1], 1], [[3, 17], 1], [[17, 3], 0], [[255, 10], -1], [[64, 1000], 1], [[2, 3, 4, 5], 2], [[4, 5, 6], undefined],
  ];
  for (const op of ['argmax', 'argmin'] as const) {
    for (const [shape, axis] of shapes)
      cases.push({
        name: `${op} ${JSON.stringify(shape)} axis ${axis ?? 'none'}`,
        tolerance: 0,
        // Rounded values make ties, which resolve to the first index.
        run: (backend) => withInputs([tensor(Float32Array.from({ length: size(shape) }, (_, i) => Math.round(4 * Math.sin(i * 7.3))), shape, { backend })],
          (x) => k.argReduce(op, x, axis)),
      });
    cases.push({
      name: `${op} of rows holding NaN and ±Inf`,
      tolerance: 0,
      run: (backend) => {
        const rows = [[1, NaN, 3, NaN], [Infinity, 1, Infinity, 2], [-Infinity, 0, -Infinity, 5], [7, 7, 7, 7]];
        return withInputs([tensor(rows.flat(), [4, 4], { backend })], (x) => [k.argReduce(op, x, 1), k.argReduce(op, x, 0)]);
      },
    });
  }
  return cases;
}

export function reduceTableCases(): KernelCase[] {
  return [...reduceCases(), ...argCases()];
}
