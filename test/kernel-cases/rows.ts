/** Kernel-table cases of softmax, log-softmax and cross-entropy, including non-finite and huge logits. */
import * as k from '../../bindings/kernels/index.js';
import { tensor } from '../../bindings/tensor.js';
import { labels } from '../random.js';
import { input, reductionTolerance, withInputs, type KernelCase } from './case.js';

const ROW_SHAPES: [number, number][] = [[1, 1], [3, 17], [17, 3], [1, 784], [255, 10], [257, 255], [64, 1000]];

/** Rows a careless kernel gets wrong: NaN, ±Inf, all -Inf, huge logits (exp overflows without the max). */
const HOSTILE_ROWS = [
  [NaN, 0, 0], [0, NaN, 0], [Infinity, 0, 0], [0, -Infinity, 1], [-Infinity, -Infinity, -Infinity],
  [100, 99, 98], [1e4, -1e4, 0], [-100, -99, -98], [3e38, 3e38, -3e38], [Infinity, -Infinity, 0],
];

function softmaxCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const log of [false, true]) {
    const name = log ? 'logSoftmax' : 'softmax';
    const f = log ? k.logSoftmax : k.softmax;
    for (const [rows, cols] of ROW_SHAPES)
      cases.push({
        name: `${name} [${rows}, ${cols}]`,
        tolerance: reductionTolerance(cols),
        fused: ['softmax'],
        run: (backend) => withInputs([input(backend, [rows, cols], rows + cols, -8, 8)], (x) => f(x)),
      });
    cases.push(
      {
        name: `${name} of rows holding NaN, ±Inf and huge logits`,
        tolerance: 1e-6,
        fused: ['softmax'],
        run: (backend) => withInputs([tensor(HOSTILE_ROWS.flat(), [HOSTILE_ROWS.length, 3], { backend })], (x) => f(x)),
      },
      {
        // Widths 7 and 13 end in a partial vector: its padding must not raise the row's max above -120
        // (exp(-120) underflows f32, so a max of 0 gives 0 / 0).
        name: `${name} of all-negative rows of widths 7 and 13`,
        tolerance: 1e-6,
        fused: ['softmax'],
        run: async (backend) => (await Promise.all([7, 13].map((w) =>
          withInputs([tensor(Array.from({ length: 2 * w }, (_, i) => -120 - (i % w) - 900 * Math.floor(i / w)), [2, w], { backend })], (x) => f(x))))).flat(),
      },
      {
        name: `${name} along axis 0 and 1 of [3, 17, 5]`,
        tolerance: reductionTolerance(17),
        fused: ['softmax'],
        run: (backend) => withInputs([input(backend, [3, 17, 5], 11, -4, 4)], (x) => [f(x, 0), f(x, 1)]),
      },
    );
  }
  return cases;
}

function crossEntropyCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [rows, cols] of ROW_SHAPES)
    for (const scale of [1, 1e4])
      cases.push({
        name: `crossEntropy loss+grad [${rows}, ${cols}] logits ×${scale}`,
        tolerance: reductionTolerance(cols) * (scale > 1 ? 10 : 1),
        fused: ['crossEntropy', 'softmax'],
        run: (backend) =>
          withInputs([input(backend, [rows, cols], rows * 3 + cols, -scale, scale)], (x) => {
            const { loss, grad } = k.crossEntropy(x, labels(rows, cols, rows), { grad: true });
            return [loss, grad];
          }),
      });
  cases.push({
    name: 'crossEntropy loss+grad of rows holding NaN, ±Inf and huge logits',
    tolerance: 1e-6,
    fused: ['crossEntropy', 'softmax'],
    run: (backend) =>
      withInputs([tensor(HOSTILE_ROWS.flat(), [HOSTILE_ROWS.length, 3], { backend })], (x) => {
        const { loss, grad } = k.crossEntropy(x, HOSTILE_ROWS.map((_, r) => r % 3), { grad: true, gradScale: 0.5 });
        return [loss, grad];
      }),
  });
  cases.push({
    name: 'crossEntropy loss only [257, 255]',
    tolerance: reductionTolerance(255),
    fused: ['crossEntropy', 'softmax'],
    run: (backend) => withInputs([input(backend, [257, 255], 3, -5, 5)], (x) => k.crossEntropy(x, labels(257, 255, 2)).loss),
  });
  return cases;
}

export function rowCases(): KernelCase[] {
  return [...softmaxCases(), ...crossEntropyCases()];
}
