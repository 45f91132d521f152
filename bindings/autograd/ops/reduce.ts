/** Reductions along axes: sum, mean, max, min, prod, cumsum, var, std, norm, logSumExp. */
import { ShapeError, ValueError } from '../../errors.js';
import * as k from '../../kernels/index.js';
import { formatShape, normaliseAxes, normaliseAxis, shapeSize } from '../../shape.js';
import { Tensor, eye, ones, tensor, tidy, zeros } from '../../tensor.js';
import { describe, options as checkOptions } from '../../validate.js';
import { defineOp } from '../graph.js';
import { noGrad } from '../grad-mode.js';
import { abs } from './compare.js';
import { div, log, mul, pow, sqrt, square, sub, add, exp } from './elementwise.js';
import { reshape } from './shape.js';

export type Axes = number | readonly number[];

interface ReduceParams {
  axes: number[];
  keepDims: boolean;
}

/** dy with the reduced axes put back as size 1, broadcast to the input's shape. */
function spread(dy: Tensor, { axes }: ReduceParams, shape: readonly number[]): Tensor {
  return k.broadcastTo(dy.alias(shape.map((d, i) => (axes.includes(i) ? 1 : d))), shape);
}

const sumOp = defineOp<ReduceParams>({
  name: 'sum',
  forward: ([x], { axes, keepDims }) => k.sum(x, axes, keepDims),
  backward: (dy, params, ctx) => [spread(dy, params, ctx.inputShapes[0])],
});

function reduceParams(fn: string, x: Tensor, axes: unknown, keepDims: unknown): ReduceParams {
  k.tensorArgument(fn, 'x', x);
  if (typeof keepDims !== 'boolean') throw new ValueError(`${fn}: keepDims must be true or false, got ${describe(keepDims)}`);
  return { axes: normaliseAxes(fn, axes, x.rank), keepDims };
}

/** Sum over axes (all by default); reduced axes stay as size 1 when keepDims. */
export function sum(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  return sumOp([x], reduceParams('sum', x, axes, keepDims));
}

/** Elements counted by a reduction over params.axes of x. */
function count(x: Tensor, { axes }: ReduceParams): number {
  return shapeSize(axes.map((axis) => x.shape[axis]));
}

/** Mean over axes (all by default); reduced axes stay as size 1 when keepDims. */
export function mean(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const params = reduceParams('mean', x, axes, keepDims);
  const n = count(x, params);
  if (n === 0) throw new ShapeError(`mean: no elements to average over axes [${params.axes.join(', ')}] of ${formatShape(x.shape)}`);
  return tidy(() => mul(sumOp([x], params), 1 / n));
}

/** max or min: the gradient is shared evenly among the elements that tie for the extreme (PyTorch's amax). */
function extremeOp(op: 'max' | 'min') {
  return defineOp<ReduceParams>({
    name: op,
    forward: ([x], { axes, keepDims }, ctx) => {
      const y = k.reduce(op, x, axes, keepDims);
      ctx.save(x, y);
      return y;
    },
    backward: (dy, params, ctx) => {
      const [x, y] = ctx.saved;
      const shape = ctx.inputShapes[0];
      const kept = shape.map((d, i) => (params.axes.includes(i) ? 1 : d));
      const ties = k.binary('eq', x, y.alias(kept));
      const share = k.binary('div', dy.alias(kept), k.sum(ties, params.axes, true));
      return [k.binary('mul', ties, share)];
    },
  });
}
const maxOp = extremeOp('max'), minOp = extremeOp('min');

/** Largest values over axes (all by default): values only; argmax gives the indices. */
export function max(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  return maxOp([x], reduceParams('max', x, axes, keepDims));
}

export function min(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  return minOp([x], reduceParams('min', x, axes, keepDims));
}

/** The product of the other elements along the (one, flattened) reduced axis: exact with zeros. */
function othersProduct(x: Tensor, axes: readonly number[]): Tensor {
  const rest = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const moved = k.permute(x, [...rest, ...axes]);
  const n = shapeSize(axes.map((a) => x.shape[a]));
  const outer = shapeSize(rest.map((a) => x.shape[a]));
  // [outer, n, n]: row i holds x with element i replaced by 1; its product is that of the others.
  const grid = k.broadcastTo(moved.alias([outer, 1, n]), [outer, n, n]);
  const identity = eye(n, { backend: x.backend });
  const replaced = k.where(identity, ones([1], { backend: x.backend }), grid);
  const products = k.reduce('prod', replaced, 2).alias([...rest.map((a) => x.shape[a]), ...axes.map((a) => x.shape[a])]);
  const inverse = [...rest, ...axes].map((_, i) => [...rest, ...axes].indexOf(i));
  return k.permute(products, inverse);
}

const prodOp = defineOp<ReduceParams>({
  name: 'prod',
  forward: ([x], { axes, keepDims }, ctx) => {
    ctx.save(x);
    return k.reduce('prod', x, axes, keepDims);
  },
  backward: (dy, params, ctx) => [k.binary('mul', spread(dy, params, ctx.inputShapes[0]), othersProduct(ctx.saved[0], params.axes))],
});

/** Product over axes (all by default). Its gradient is exact where elements are 0. */
export function prod(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const params = reduceParams('prod', x, axes, keepDims);
  if (count(x, params) > 4096)
    throw new ShapeError(`prod: the gradient of a product of more than 4096 elements is not supported (got ${count(x, params)})`);
  return prodOp([x], params);
}

/** The lower-triangular ones matrix: L·x sums each prefix. */
function prefixMatrix(like: Tensor, n: number): Tensor {
  const values = new Float32Array(n * n);
  for (let i = 0; i < n; i++) values.fill(1, i * n, i * n + i + 1);
  return tensor(values, [n, n], { backend: like.backend });
}

const cumsumOp = defineOp<number>({
  name: 'cumsum',
  // As a batched product with the lower-triangular ones matrix: x viewed [outer, n, inner].
  forward: ([x], axis) => {
    const n = x.shape[axis];
    const view = x.alias([shapeSize(x.shape.slice(0, axis)), n, shapeSize(x.shape.slice(axis + 1))]);
    return k.matmul(prefixMatrix(x, n), view).alias(x.shape);
  },
  backward: (dy, axis, ctx) => {
    const shape = ctx.inputShapes[0], n = shape[axis];
    const view = dy.alias([shapeSize(shape.slice(0, axis)), n, shapeSize(shape.slice(axis + 1))]);
    return [k.matmul(prefixMatrix(dy, n), view, { transA: true }).alias(shape)];
  },
});

/** Running sums along axis (PyTorch's cumsum). */
export function cumsum(x: Tensor, axis: number): Tensor {
  k.tensorArgument('cumsum', 'x', x);
  if (x.rank === 0) return reshape(x, []);
  return cumsumOp([x], normaliseAxis('cumsum', axis, x.rank));
}

export interface VarianceOptions {
  /** Divide by N − correction (default 1, the unbiased estimate, as PyTorch). */
  correction?: number;
  /** false is correction 0 (torch's unbiased=False). */
  unbiased?: boolean;
  keepDims?: boolean;
}

/** Variance over axes (all by default); unbiased by default, as PyTorch. */
export function variance(x: Tensor, axes?: Axes, options?: VarianceOptions): Tensor {
  const given = checkOptions('var', options, ['correction', 'unbiased', 'keepDims']);
  const params = reduceParams('var', x, axes, given.keepDims ?? false);
  const correction = given.correction ?? (given.unbiased === false ? 0 : 1);
  if (typeof correction !== 'number' || !Number.isFinite(correction)) throw new ValueError(`var: correction must be a number, got ${describe(correction)}`);
  const n = count(x, params);
  return tidy(() => {
    const centered = sub(x, mean(x, params.axes, true));
    return div(sum(square(centered), params.axes, params.keepDims), Math.max(0, n - correction) || 0);
  });
}

/** Standard deviation: the square root of variance(). */
export function std(x: Tensor, axes?: Axes, options?: VarianceOptions): Tensor {
  return tidy(() => sqrt(variance(x, axes, options)));
}

const l2Op = defineOp<ReduceParams>({
  name: 'norm',
  forward: ([x], { axes, keepDims }, ctx) => {
    const y = k.unary('sqrt', k.sum(k.unary('square', x), axes, keepDims));
    ctx.save(x, y);
    return y;
  },
  // x / ‖x‖, and 0 where the norm is 0 (PyTorch's subgradient).
  backward: (dy, params, ctx) => {
    const [x, y] = ctx.saved;
    const shape = ctx.inputShapes[0];
    const norms = y.alias(shape.map((d, i) => (params.axes.includes(i) ? 1 : d)));
    const direction = k.where(norms, k.binary('div', x, norms), zeros([], { backend: x.backend }));
    return [k.binary('mul', direction, spread(dy, params, shape))];
  },
});

/** The p-norm over axes (all by default): p = 2 (Frobenius for a whole matrix), 1, Infinity, -Infinity or any p > 0. */
export function norm(x: Tensor, p: number | 'fro' = 2, axes?: Axes, keepDims = false): Tensor {
  const params = reduceParams('norm', x, axes, keepDims);
  const order = p === 'fro' ? 2 : p;
  if (typeof order !== 'number' || Number.isNaN(order) || order <= 0 && order !== -Infinity)
    throw new ValueError(`norm: p must be a positive number, Infinity, -Infinity or 'fro', got ${describe(p)}`);
  if (order === 2) return l2Op([x], params);
  return tidy(() => {
    const magnitudes = abs(x);
    if (order === Infinity) return max(magnitudes, params.axes, keepDims);
    if (order === -Infinity) return min(magnitudes, params.axes, keepDims);
    if (order === 1) return sum(magnitudes, params.axes, keepDims);
    return pow(sum(pow(magnitudes, order), params.axes, keepDims), 1 / order);
  });
}

/** log Σ exp(x) over axes, computed with the max subtracted (PyTorch's logsumexp); -Inf for all -Inf. */
export function logSumExp(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const params = reduceParams('logSumExp', x, axes, keepDims);
  return tidy(() => {
    const peak = noGrad(() => {
      const m = k.reduce('max', x, params.axes, true);
      return k.where(k.unary('isfinite', m), m, zeros([], { backend: x.backend }));
    });
    const total = log(sum(exp(sub(x, peak)), params.axes, true));
    const out = add(total, peak);
    return keepDims ? out : reshape(out, x.shape.filter((_, i) => !params.axes.includes(i)));
  });
}
