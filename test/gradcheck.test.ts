/** Finite-difference gradient checks of every differentiable op of the op layer (test/gradcheck-harness.ts). */
import * as wg from '../bindings/index.js';
import { applyUnary, type Tensor } from '../bindings/index.js';
import type { UnaryOp, UnaryOpWithGrad } from '../bindings/backend.js';
import { UNARY_OPS, UNARY_ROWS } from '../bindings/op-table/index.js';
import { awayFromZero, describeGradcheck, type GradCase } from './gradcheck-harness.js';
import { labels } from './random.js';

const labels3 = Array.from(labels(4, 3, 5));

/** Every unary op of the op table with a backward rule, through the generic table-driven autograd op. */
const TABLE_CASES: GradCase[] = (UNARY_OPS as readonly UnaryOp[]).filter((op) => UNARY_ROWS[op].grad).map((op) => {
  const { domain = [-2, 2], alpha = 0, beta = 0, kinks } = UNARY_ROWS[op].test ?? {};
  return {
    name: `op table: ${op}`,
    inputs: [{ shape: [2, 3], range: domain, kinks }],
    f: (a: Tensor) => applyUnary(op as UnaryOpWithGrad, a, alpha, beta),
  };
});

const CASES: GradCase[] = [
  ...TABLE_CASES,
  { name: 'gelu', inputs: [{ shape: [2, 3], range: [-3, 3] }], f: (a) => wg.gelu(a) },
  { name: 'gelu tanh', inputs: [{ shape: [3], range: [-3, 3] }], f: (a) => wg.gelu(a, { approximate: 'tanh' }) },
  { name: 'nn.GELU', inputs: [{ shape: [2, 2], range: [-3, 3] }], f: (a) => new wg.nn.GELU().forward(a) },
  // broadcasting arithmetic
  { name: 'add [2,3]+[3]', inputs: [{ shape: [2, 3] }, { shape: [3] }], f: (a, b) => a.add(b) },
  { name: 'add [3,1]+[1,3]', inputs: [{ shape: [3, 1] }, { shape: [1, 3] }], f: (a, b) => a.add(b) },
  { name: 'add []+[2,3]', inputs: [{ shape: [] }, { shape: [2, 3] }], f: (a, b) => wg.add(a, b) },
  { name: 'add [1]+[3] (constant b)', inputs: [{ shape: [1] }, { shape: [3], grad: false }], f: (a, b) => a.add(b) },
  { name: 'sub [2,3]-[2,1]', inputs: [{ shape: [2, 3] }, { shape: [2, 1] }], f: (a, b) => a.sub(b) },
  { name: 'sub [3]-[2,3]', inputs: [{ shape: [3] }, { shape: [2, 3] }], f: (a, b) => wg.sub(a, b) },
  { name: 'mul [2,3]*[3]', inputs: [{ shape: [2, 3] }, { shape: [3] }], f: (a, b) => a.mul(b) },
  { name: 'mul [3,1]*[1,3]', inputs: [{ shape: [3, 1] }, { shape: [1, 3] }], f: (a, b) => a.mul(b) },
  { name: 'mul [1,1]*[2,1,3]', inputs: [{ shape: [1, 1] }, { shape: [2, 1, 3] }], f: (a, b) => a.mul(b) },
  { name: 'mul x*x (same tensor twice)', inputs: [{ shape: [3] }], f: (a) => a.mul(a) },
  { name: 'div [2,3]/[3]', inputs: [{ shape: [2, 3] }, { shape: [3], range: [0.5, 2] }], f: (a, b) => a.div(b) },
  { name: 'div [3]/[2,3]', inputs: [{ shape: [3] }, { shape: [2, 3], range: [0.5, 2] }], f: (a, b) => a.div(b) },
  // scalar operands
  { name: 'x + 2', inputs: [{ shape: [2, 3] }], f: (a) => a.add(2) },
  { name: '2 + x', inputs: [{ shape: [3] }], f: (a) => wg.add(2, a) },
  { name: 'x - 1.5', inputs: [{ shape: [3] }], f: (a) => a.sub(1.5) },
  { name: '1.5 - x', inputs: [{ shape: [1, 3] }], f: (a) => wg.sub(1.5, a) },
  { name: 'x * -3', inputs: [{ shape: [3, 1] }], f: (a) => a.mul(-3) },
  { name: '0.5 * x', inputs: [{ shape: [3] }], f: (a) => wg.mul(0.5, a) },
  { name: 'x / 4', inputs: [{ shape: [2, 3] }], f: (a) => a.div(4) },
  { name: '3 / x', inputs: [{ shape: [3], range: [0.5, 2] }], f: (a) => wg.div(3, a) },
  // unary math
  { name: 'neg', inputs: [{ shape: [2, 3] }], f: (a) => a.neg() },
  { name: 'pow 3', inputs: [{ shape: [2, 3] }], f: (a) => a.pow(3) },
  { name: 'pow 0.5', inputs: [{ shape: [3], range: [0.5, 2] }], f: (a) => a.pow(0.5) },
  { name: 'pow -1.5', inputs: [{ shape: [3], range: [0.5, 2] }], f: (a) => a.pow(-1.5) },
  { name: 'square', inputs: [{ shape: [3, 1] }], f: (a) => a.square() },
  { name: 'sqrt', inputs: [{ shape: [3], range: [0.5, 2] }], f: (a) => a.sqrt() },
  { name: 'reciprocal', inputs: [{ shape: [1, 3], range: [0.5, 2] }], f: (a) => a.reciprocal() },
  { name: 'exp', inputs: [{ shape: [2, 3] }], f: (a) => a.exp() },
  { name: 'log', inputs: [{ shape: [2, 3], range: [0.5, 2] }], f: (a) => a.log() },
  // reductions and shapes
  { name: 'sum all', inputs: [{ shape: [2, 3] }], f: (a) => a.sum() },
  { name: 'sum axis 0', inputs: [{ shape: [2, 3] }], f: (a) => a.sum(0) },
  { name: 'sum axis -1 keepDims', inputs: [{ shape: [3, 1, 3] }], f: (a) => a.sum(-1, true) },
  { name: 'sum axes [0, 2]', inputs: [{ shape: [2, 3, 3] }], f: (a) => a.sum([0, 2]) },
  { name: 'mean all', inputs: [{ shape: [3, 3] }], f: (a) => a.mean() },
  { name: 'mean axis 1', inputs: [{ shape: [2, 3] }], f: (a) => a.mean(1) },
  { name: 'mean axes [0, 1] keepDims', inputs: [{ shape: [2, 3, 1] }], f: (a) => a.mean([0, 1], true) },
  { name: 'reshape', inputs: [{ shape: [2, 3] }], f: (a) => a.reshape([3, -1]).mul(a.reshape([3, 2])) },
  { name: 'view', inputs: [{ shape: [6] }], f: (a) => a.view([2, 3]).exp() },
  { name: 'flatten', inputs: [{ shape: [2, 1, 3] }], f: (a) => a.flatten(1).square() },
  // matrix products
  { name: 'matmul [3,4]x[4,2]', inputs: [{ shape: [3, 4] }, { shape: [4, 2] }], f: (a, b) => a.matmul(b) },
  { name: 'matmul [1,3]x[3,1]', inputs: [{ shape: [1, 3] }, { shape: [3, 1] }], f: (a, b) => a.matmul(b) },
  { name: 'matmul [3]x[3,2]', inputs: [{ shape: [3] }, { shape: [3, 2] }], f: (a, b) => a.matmul(b) },
  { name: 'matmul [2,3]x[3]', inputs: [{ shape: [2, 3] }, { shape: [3] }], f: (a, b) => a.matmul(b) },
  { name: 'linear with bias', inputs: [{ shape: [3, 4] }, { shape: [2, 4] }, { shape: [2] }], f: (x, w, b) => wg.linear(x, w, b) },
  { name: 'linear without bias', inputs: [{ shape: [1, 3] }, { shape: [3, 3] }], f: (x, w) => wg.linear(x, w) },
  {
    name: 'linear with bias and ReLU',
    inputs: [{ shape: [3, 4] }, { shape: [3, 4] }, { shape: [3] }],
    f: (x, w, b) => wg.linear(x, w, b, { relu: true }),
  },
  {
    name: 'linear [5,17]x[3,17]ᵀ with bias and ReLU (SIMD tails)',
    inputs: [{ shape: [5, 17] }, { shape: [3, 17] }, { shape: [3] }],
    f: (x, w, b) => wg.linear(x, w, b, { relu: true }),
  },
  // activations
  { name: 'relu', inputs: [{ shape: [2, 3], range: awayFromZero }], f: (a) => a.relu() },
  { name: 'sigmoid', inputs: [{ shape: [2, 3], range: [-3, 3] }], f: (a) => a.sigmoid() },
  { name: 'tanh', inputs: [{ shape: [3], range: [-2, 2] }], f: (a) => a.tanh() },
  { name: 'softmax [2,3]', inputs: [{ shape: [2, 3], range: [-2, 2] }], f: (a) => a.softmax() },
  { name: 'softmax [3]', inputs: [{ shape: [3] }], f: (a) => wg.softmax(a) },
  { name: 'softmax [2,1,3]', inputs: [{ shape: [2, 1, 3] }], f: (a) => a.softmax(-1) },
  { name: 'softmax [2,17]', inputs: [{ shape: [2, 17], range: [-2, 2] }], f: (a) => a.softmax() },
  { name: 'logSoftmax [2,3]', inputs: [{ shape: [2, 3], range: [-2, 2] }], f: (a) => a.logSoftmax() },
  { name: 'logSoftmax [1,1]', inputs: [{ shape: [1, 1] }], f: (a) => a.logSoftmax() },
  { name: 'logSoftmax [3,1,4]', inputs: [{ shape: [3, 1, 4] }], f: (a) => wg.logSoftmax(a, 2) },
  { name: 'dropout p 0.3', inputs: [{ shape: [3, 5] }], f: (a) => wg.dropout(a, { p: 0.3, seed: 7, offset: 2 }) },
  { name: 'dropout p 0.5 [1]', inputs: [{ shape: [17] }], f: (a) => wg.dropout(a, { p: 0.5, seed: 12345678901 }) },
  // losses
  {
    name: 'softmaxCrossEntropy mean',
    inputs: [{ shape: [4, 3], range: [-3, 3] }],
    f: (a) => wg.softmaxCrossEntropy(a, labels3),
  },
  {
    name: 'softmaxCrossEntropy sum',
    inputs: [{ shape: [4, 3], range: [-3, 3] }],
    f: (a) => wg.softmaxCrossEntropy(a, labels3, { reduction: 'sum' }),
  },
  {
    name: 'softmaxCrossEntropy none',
    inputs: [{ shape: [4, 3], range: [-3, 3] }],
    f: (a) => wg.softmaxCrossEntropy(a, labels3, { reduction: 'none' }),
  },
  {
    name: 'softmaxCrossEntropy [3,17]',
    inputs: [{ shape: [3, 17], range: [-3, 3] }],
    f: (a) => wg.softmaxCrossEntropy(a, [16, 0, 7]),
  },
  { name: 'softmaxCrossEntropy [1,1]', inputs: [{ shape: [1, 1] }], f: (a) => a.crossEntropy([0]) },
  { name: 'squaredLoss per example', inputs: [{ shape: [3, 1] }, { shape: [3] }], f: (p, y) => wg.squaredLoss(p, y) },
  { name: 'squaredLoss mean', inputs: [{ shape: [3, 1] }, { shape: [3] }], f: (p, y) => wg.squaredLoss(p, y, { reduction: 'mean' }) },
  { name: 'squaredLoss none', inputs: [{ shape: [3, 1] }, { shape: [3, 1] }], f: (p, y) => wg.squaredLoss(p, y, { reduction: 'none' }) },
  { name: 'mseLoss mean', inputs: [{ shape: [2, 3] }, { shape: [2, 3] }], f: (p, y) => wg.mseLoss(p, y) },
  { name: 'mseLoss sum', inputs: [{ shape: [3] }, { shape: [3] }], f: (p, y) => wg.mseLoss(p, y, { reduction: 'sum' }) },
  // a composite: a two-layer MLP with a shared weight path and cross-entropy
  {
    name: 'mlp composite',
    inputs: [{ shape: [3, 4], grad: false }, { shape: [5, 4] }, { shape: [5] }, { shape: [3, 5] }, { shape: [3] }],
    f: (x, w1, b1, w2, b2) => wg.softmaxCrossEntropy(wg.linear(wg.linear(x, w1, b1).tanh(), w2, b2), [0, 2, 1]),
  },
];

describeGradcheck('gradient check', CASES);
