/**
 * d2l 2.3, linear algebra: scalars, vectors, matrices and their transpose, a symmetric matrix,
 * higher-order tensors, elementwise (Hadamard) products, reductions along axes (keepDims), cumsum,
 * dot products, matrix-vector and matrix-matrix products, and the L2, L1 and Frobenius norms.
 */
import { abs, arange, dot, mm, mv, norm, ones, tensor } from '../bindings/index.js';
import { runSection, size } from './book-section.js';
import { logger, runAsScript, type ExampleOptions } from './common.js';

export interface LinearAlgebraResult {
  scalarOps: number[];
  symmetric: boolean;
  rowSums: number[][];
  cumsum: number[][];
  dot: number;
  mv: number[];
  mm: number[][];
  norms: { l2: number; l1: number; frobenius: number };
}

export async function main(options: ExampleOptions = {}): Promise<LinearAlgebraResult> {
  const log = logger(options);
  const show = (label: string, ...values: unknown[]) => log(`${label}\n${values.map(String).join('\n')}`);
  return runSection(options, () => {
    // 2.3.1 Scalars
    let x = tensor(3.0), y = tensor(2.0);
    const scalarOps = [x.add(y), x.mul(y), x.div(y), x.pow(y)];
    show('x + y, x * y, x / y, x ** y', ...scalarOps);

    // 2.3.2 Vectors
    x = arange(3);
    show('x = arange(3)', x);
    show('x[2]', x.get(2));
    log(`len(x) = ${x.shape[0]}, x.shape = ${size(x.shape)}`);

    // 2.3.3 Matrices
    let A = arange(6).reshape([3, 2]);
    show('A.T', A.T);
    A = tensor([[1, 2, 3], [2, 0, 4], [3, 4, 5]]);
    const symmetric = A.eq(A.T);
    show('A == A.T', symmetric);

    // 2.3.4 Tensors
    show('arange(24).reshape([2, 3, 4])', arange(24).reshape([2, 3, 4]));

    // 2.3.5 Basic properties of tensor arithmetic
    A = arange(6).reshape([2, 3]);
    const B = A.clone();
    show('A, A + B', A, A.add(B));
    show('A * B', A.mul(B));
    const a = 2, X = arange(24).reshape([2, 3, 4]);
    show('a + X, (a * X).shape', X.add(a), size(X.mul(a).shape));

    // 2.3.6 Reduction
    x = arange(3);
    show('x, x.sum()', x, x.sum());
    log(`A.shape, A.sum(): ${size(A.shape)}, ${A.sum()}`);
    log(`A.shape, A.sum(0).shape: ${size(A.shape)}, ${size(A.sum(0).shape)}`);
    log(`A.shape, A.sum(1).shape: ${size(A.shape)}, ${size(A.sum(1).shape)}`);
    show('A.sum([0, 1]) == A.sum()', A.sum([0, 1]).eq(A.sum()));
    show('A.mean(), A.sum() / A.numel()', A.mean(), A.sum().div(A.numel()));
    show('A.mean(0), A.sum(0) / A.shape[0]', A.mean(0), A.sum(0).div(A.shape[0]));

    // 2.3.7 Non-reduction sum
    const sumA = A.sum(1, true);
    show('sumA = A.sum(1, true); sumA, sumA.shape', sumA, size(sumA.shape));
    show('A / sumA', A.div(sumA));
    const cumsum = A.cumsum(0);
    show('A.cumsum(0)', cumsum);

    // 2.3.8 Dot products
    y = ones([3]);
    const xy = dot(x, y);
    show('x, y, dot(x, y)', x, y, xy);
    show('sum(x * y)', x.mul(y).sum());

    // 2.3.9 Matrix-vector products
    const Ax = mv(A, x);
    log(`A.shape, x.shape: ${size(A.shape)}, ${size(x.shape)}`);
    show('mv(A, x), A.matmul(x)', Ax, A.matmul(x));

    // 2.3.10 Matrix-matrix multiplication
    const AB = mm(A, ones([3, 4]));
    show('mm(A, B), A.matmul(B)', AB, A.matmul(ones([3, 4])));

    // 2.3.11 Norms
    const u = tensor([3.0, -4.0]);
    const l2 = norm(u), l1 = abs(u).sum(), frobenius = norm(ones([4, 9]));
    show('norm(u)', l2);
    show('abs(u).sum()', l1);
    show('norm(ones([4, 9]))', frobenius);

    return {
      scalarOps: scalarOps.map((t) => t.item()), symmetric: (symmetric.dataSync() as Float32Array).every((v) => v === 1),
      rowSums: sumA.tolist() as number[][], cumsum: cumsum.tolist() as number[][], dot: xy.item(),
      mv: Ax.tolist() as number[], mm: AB.tolist() as number[][],
      norms: { l2: l2.item(), l1: l1.item(), frobenius: frobenius.item() },
    };
  });
}

runAsScript(import.meta.url, main);
