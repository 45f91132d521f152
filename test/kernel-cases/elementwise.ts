/** Kernel-table cases of the op table's elementwise ops, where, fill and copy. */
import type { BinaryOp, UnaryOp } from '../../bindings/backend.js';
import * as k from '../../bindings/kernels/index.js';
import { BINARY_OPS, BINARY_ROWS, UNARY_OPS, UNARY_ROWS } from '../../bindings/op-table/index.js';
import { tensor } from '../../bindings/tensor.js';
import { AWKWARD, SPECIAL, input, integers, specialValues, withInputs, type KernelCase } from './case.js';

function unaryCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const op of UNARY_OPS) {
    const { domain = [-3, 3], alpha = 0, beta = 0, tolerance = 1e-5, maxMagnitude } = UNARY_ROWS[op].test ?? {};
    // Every size for the ops with a SIMD path in every backend's fast loop; a short and a long one for the rest.
    for (const n of op === 'relu' || op === 'exp' ? [...AWKWARD, 4099] : [17, 4099])
      cases.push({
        name: `unary ${op} [${n}]`,
        tolerance,
        run: (backend) => withInputs([input(backend, [n], n + op.length, ...domain)], (x) => k.unary(op, x, alpha, beta)),
      });
    cases.push({
      name: `unary ${op} of NaN, ±Inf, ±0 and extremes`,
      tolerance,
      run: (backend) => withInputs([tensor(specialValues(maxMagnitude), [SPECIAL.length], { backend })], (x) => k.unary(op, x, alpha, beta)),
    });
  }
  return cases;
}

/**
 * Shapes broadcast together: equal, row, column, scalar, both sides, and ranks up to 9 (past WebGPU's 8).
 * The layouts do not depend on the op: add and sub take them all, the other ops the first three kinds.
 */
const BROADCASTS: [number[], number[]][] = [
  [[257], [257]], [[17, 3], [3]], [[3], [17, 3]], [[255, 17], [255, 1]], [[255, 1], [255, 17]], [[3, 784], []],
  [[], [17, 3]], [[2, 3, 5, 7], [3, 1, 7]], [[784, 256], [256]], [[4, 1, 6], [5, 1]], [[2, 1, 3, 1, 5], [4, 1, 6, 1]],
  [[2, 1, 2, 1, 2, 1, 3], [1, 3, 1, 2, 1, 2, 1]], [[2, 1, 2, 1, 2, 1, 2, 1, 2], [1, 2, 1, 2, 1, 2, 1, 2, 1]],
];

function binaryCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const op of BINARY_OPS as readonly BinaryOp[]) {
    const { domain = [-1, 1], domainB = [-1, 1], alpha = 0, beta = 0, values, tolerance = 1e-6, maxMagnitude } = BINARY_ROWS[op].test ?? {};
    for (const [aShape, bShape] of op === 'add' || op === 'sub' ? BROADCASTS : BROADCASTS.slice(0, 3))
      cases.push({
        name: `binary ${op} ${JSON.stringify(aShape)} ${JSON.stringify(bShape)}`,
        tolerance: Math.max(tolerance, 1e-6),
        run: (backend) => {
          const a = values ? integers(backend, aShape, 7) : input(backend, aShape, aShape.length * 31 + 1, ...domain);
          const b = values ? integers(backend, bShape, 8) : input(backend, bShape, 99, ...domainB);
          return withInputs([a, b], (x, y) => k.binary(op, x, y, alpha, beta));
        },
      });
    cases.push({
      name: `binary ${op} of NaN, ±Inf, ±0 and extremes, every pair`,
      tolerance: Math.max(tolerance, 1e-6),
      run: (backend) => {
        const n = SPECIAL.length;
        const a = tensor(SPECIAL, [n, 1], { backend }), b = tensor(SPECIAL, [1, n], { backend });
        // A backward rule sees what its forward saved: the special inputs, or the op's (reference) outputs of them.
        const forward = gradForward(op);
        const special = specialValues(maxMagnitude);
        const saved = forward ? special.map((v) => Math.fround(UNARY_ROWS[forward].ref(v, alpha, beta))) : special;
        a.copyFrom(saved);
        return withInputs([a, b], (x, y) => k.binary(op, x, y, alpha, beta));
      },
    });
  }
  return cases;
}

/** The unary op whose output a grad op's rule takes as its saved value, if any. */
function gradForward(op: BinaryOp): UnaryOp | null {
  const unary = op.endsWith('Grad') ? (op.slice(0, -4) as UnaryOp) : null;
  return unary && UNARY_ROWS[unary].grad?.from === 'y' ? unary : null;
}

function whereCases(): KernelCase[] {
  const shapes: [number[], number[], number[]][] = [
    [[257], [257], [257]], [[17, 1], [3], [17, 3]], [[2, 1, 3, 1], [4, 1, 5], [1]], [[1], [2, 3], [3, 2, 1]],
  ];
  return shapes.map(([c, a, b]) => ({
    name: `where ${JSON.stringify(c)} ${JSON.stringify(a)} ${JSON.stringify(b)}`,
    tolerance: 0,
    fused: ['where'],
    run: (backend) =>
      withInputs([integers(backend, c, 3), input(backend, a, 4, 0.5, 1), input(backend, b, 5, 0.5, 1)], (x, y, z) => k.where(x, y, z)),
  }));
}

export function elementwiseCases(): KernelCase[] {
  return [
    ...unaryCases(),
    ...binaryCases(),
    ...whereCases(),
    {
      name: 'fill and copy [257]',
      tolerance: 0,
      run: (backend) =>
        withInputs([input(backend, [257], 5)], (x) => {
          const z = tensor(new Float32Array(257), [257], { backend });
          backend.fill(z.storage, 2.5, 257);
          return [k.copy(x), z];
        }),
    },
  ];
}
