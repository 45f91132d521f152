/**
 * The kernel table: every kernel on awkward and round shapes. Each case runs through the
 * public kernel API on a given backend and returns its outputs; test/backend-harness.ts
 * compares them with the cpu reference.
 */
import type { Backend, BinaryOp, UnaryOp } from '../bindings/backend.js';
import { BINARY_OPS, UNARY_OPS } from '../bindings/backend.js';
import * as k from '../bindings/kernels.js';
import { Tensor, tensor } from '../bindings/tensor.js';
import { labels, uniform } from './random.js';

export interface KernelCase {
  name: string;
  /** Absolute-and-relative tolerance; 0 demands bit-for-bit equality. */
  tolerance: number;
  run(backend: Backend): Promise<Float32Array[]>;
}

/** Tolerance for a sum of `length` f32 products of values in [-1, 1]. */
export function reductionTolerance(length: number): number {
  return 2e-6 * Math.sqrt(Math.max(length, 1)) * 8;
}

async function outputs(...tensors: (Tensor | null)[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const t of tensors) {
    if (!t) continue;
    out.push(await t.data());
    t.dispose();
  }
  return out;
}

function input(backend: Backend, shape: number[], seed: number, lo = -1, hi = 1): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(uniform(size, seed, lo, hi), shape, { backend });
}

function integers(backend: Backend, shape: number[], seed: number): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(uniform(size, seed, -2, 2).map(Math.round), shape, { backend });
}

const AWKWARD = [1, 3, 17, 255, 257, 784];

export const MATMUL_SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 17, 1], [17, 3, 257], [1, 784, 3], [255, 17, 257], [257, 3, 784],
  [17, 257, 255], [784, 17, 3], [64, 64, 64], [128, 96, 256], [256, 10, 256], [33, 65, 129],
];

function matmulCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [m, n, kk] of MATMUL_SHAPES)
    for (const transA of [false, true])
      for (const transB of [false, true])
        for (const epilogue of ['none', 'bias', 'bias+relu', 'relu'] as const) {
          const bias = epilogue.startsWith('bias'), relu = epilogue.endsWith('relu');
          cases.push({
            name: `matmul m=${m} n=${n} k=${kk} ${transA ? 'Aᵀ' : 'A'}·${transB ? 'Bᵀ' : 'B'} ${epilogue}`,
            tolerance: reductionTolerance(kk),
            async run(backend) {
              const a = input(backend, transA ? [kk, m] : [m, kk], m * 7 + kk);
              const b = input(backend, transB ? [n, kk] : [kk, n], n * 13 + kk);
              const biasT = bias ? input(backend, [n], n) : null;
              const c = k.matmul(a, b, { transA, transB, bias: biasT, relu });
              a.dispose(); b.dispose(); biasT?.dispose();
              return outputs(c);
            },
          });
        }
  return cases;
}

const ROW_SHAPES: [number, number][] = [[1, 1], [3, 17], [17, 3], [1, 784], [255, 10], [257, 255], [64, 1000]];

function rowCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [rows, cols] of ROW_SHAPES) {
    for (const log of [false, true])
      cases.push({
        name: `${log ? 'logSoftmax' : 'softmax'} [${rows}, ${cols}]`,
        tolerance: reductionTolerance(cols),
        async run(backend) {
          const x = input(backend, [rows, cols], rows + cols, -8, 8);
          const y = log ? k.logSoftmax(x) : k.softmax(x);
          x.dispose();
          return outputs(y);
        },
      });
    for (const scaleLogits of [1, 1e4])
      cases.push({
        name: `crossEntropy loss+grad [${rows}, ${cols}] logits ×${scaleLogits}`,
        tolerance: reductionTolerance(cols) * (scaleLogits > 1 ? 10 : 1),
        async run(backend) {
          const x = input(backend, [rows, cols], rows * 3 + cols, -scaleLogits, scaleLogits);
          const { loss, grad } = k.crossEntropy(x, labels(rows, cols, rows), { grad: true });
          x.dispose();
          return outputs(loss, grad);
        },
      });
    cases.push({
      name: `argmax [${rows}, ${cols}]`,
      tolerance: 0,
      async run(backend) {
        const x = input(backend, [rows, cols], rows * 5 + cols);
        const y = k.argmax(x);
        x.dispose();
        return outputs(y);
      },
    });
  }
  return cases;
}

function elementwiseCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const domain: Partial<Record<UnaryOp, [number, number]>> = { log: [0.01, 4], sqrt: [0, 4], reciprocal: [0.1, 2], pow: [0.1, 3] };
  const alpha: Partial<Record<UnaryOp, number>> = { pow: 1.7, scale: -2.5, shift: 0.75 };
  for (const n of [...AWKWARD, 1024, 4099])
    for (const op of UNARY_OPS)
      cases.push({
        name: `unary ${op} [${n}]`,
        tolerance: 1e-5,
        async run(backend) {
          const [lo, hi] = domain[op] ?? [-3, 3];
          const x = input(backend, [n], n + op.length, lo, hi);
          const y = k.unary(op, x, alpha[op] ?? 0);
          x.dispose();
          return outputs(y);
        },
      });
  const broadcasts: [number[], number[]][] = [
    [[257], [257]], [[17, 3], [3]], [[255, 17], [255, 1]], [[3, 784], []], [[1], [17, 3]],
    [[2, 3, 5, 7], [3, 1, 7]], [[784, 256], [256]], [[4, 1, 6], [5, 1]],
  ];
  for (const [aShape, bShape] of broadcasts)
    for (const op of BINARY_OPS as BinaryOp[])
      cases.push({
        name: `binary ${op} ${JSON.stringify(aShape)} ${JSON.stringify(bShape)}`,
        tolerance: 1e-6,
        async run(backend) {
          // eq compares small integers so that both outcomes occur.
          const a = op === 'eq' ? integers(backend, aShape, 7) : input(backend, aShape, aShape.length * 31 + 1);
          const b = op === 'eq' ? integers(backend, bShape, 8) : input(backend, bShape, 99, 0.5, 2);
          const y = k.binary(op, a, b);
          a.dispose(); b.dispose();
          return outputs(y);
        },
      });
  const reductions: [number[], number[] | undefined, boolean][] = [
    [[1], undefined, false], [[257], undefined, false], [[17, 3], [0], false], [[17, 3], [1], true],
    [[255, 257], [0], false], [[3, 17, 5], [1], false], [[3, 17, 5], [0, 2], true], [[784, 256], [0], false],
  ];
  for (const [shape, axes, keep] of reductions)
    cases.push({
      name: `sum ${JSON.stringify(shape)} axes ${JSON.stringify(axes ?? 'all')}${keep ? ' keepDims' : ''}`,
      tolerance: reductionTolerance(shape.reduce((a, b) => a * b, 1)),
      async run(backend) {
        const x = input(backend, shape, shape.length * 17);
        const y = k.sum(x, axes, keep);
        x.dispose();
        return outputs(y);
      },
    });
  for (const n of AWKWARD) {
    cases.push({
      name: `reluBackward [${n}]`,
      tolerance: 0,
      async run(backend) {
        const y = input(backend, [n], n), dy = input(backend, [n], n + 1);
        const dx = k.reluBackward(y, dy);
        y.dispose(); dy.dispose();
        return outputs(dx);
      },
    });
    for (const p of [0, 0.2, 0.5, 0.9])
      cases.push({
        name: `dropout fwd+bwd [${n}] p=${p}`,
        tolerance: 0,
        async run(backend) {
          const x = input(backend, [n], n * 3), dy = input(backend, [n], n * 5);
          const options = { p, seed: 1234567 + n, offset: 3 };
          const y = k.dropout(x, options), dx = k.dropoutBackward(dy, options);
          x.dispose(); dy.dispose();
          return outputs(y, dx);
        },
      });
    cases.push({
      name: `sgdUpdate momentum+weightDecay [${n}]`,
      tolerance: 1e-6,
      async run(backend) {
        const p = input(backend, [n], n), g = input(backend, [n], n + 2), v = input(backend, [n], n + 4);
        k.sgdUpdate(p, g, v, { lr: 0.1, weightDecay: 0.01, momentum: 0.9 });
        k.sgdUpdate(p, g, null, { lr: 0.05 });
        g.dispose();
        return outputs(p, v);
      },
    });
    cases.push({
      name: `adamUpdate [${n}]`,
      tolerance: 1e-5,
      async run(backend) {
        const p = input(backend, [n], n), g = input(backend, [n], n + 2);
        const m = input(backend, [n], n + 4, -0.1, 0.1), v = input(backend, [n], n + 6, 0, 0.1);
        k.adamUpdate(p, g, m, v, { lr: 0.01, step: 3, weightDecay: 0.001 });
        g.dispose();
        return outputs(p, m, v);
      },
    });
  }
  cases.push({
    name: 'fill and copy [257]',
    tolerance: 0,
    async run(backend) {
      const x = input(backend, [257], 5);
      const y = k.copy(x);
      x.dispose();
      const z = tensor(new Float32Array(257), [257], { backend });
      backend.fill(z.storage, 2.5, 257);
      return outputs(y, z);
    },
  });
  return cases;
}

export const KERNEL_CASES: KernelCase[] = [...matmulCases(), ...rowCases(), ...elementwiseCases()];
