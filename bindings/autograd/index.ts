import './methods/index.js';

export { defineOp, OpContext, type OpDefinition } from './graph.js';
export { backward, type BackwardOptions } from './backward.js';
export { noGrad, isGradEnabled } from './grad-mode.js';
export {
  add, sub, mul, div, neg, pow, square, sqrt, reciprocal, exp, log, erf, sin, cos, type Operand,
} from './ops/elementwise.js';
export { maximum, minimum, where, eq, ne, gt, ge, lt, le, abs, sign, clamp, isnan, isfinite } from './ops/compare.js';
export {
  sum, mean, max, min, prod, cumsum, variance, variance as var, std, norm, logSumExp, type Axes, type VarianceOptions,
} from './ops/reduce.js';
export {
  reshape, flatten, squeeze, unsqueeze, permute, transpose, flip, expand, broadcastTo, cat, stack, split, chunk, clone,
} from './ops/shape.js';
export { get, set, gather, indexSelect, maskedSelect, maskedSelectAsync, oneHot, type IndexSpec, type IndexItem } from './ops/indexing.js';
export { relu, sigmoid, tanh, gelu, softmax, logSoftmax, dropout, type DropoutOptions, type GeluOptions } from './ops/activation.js';
export { applyUnary } from './ops/unary.js';
export { matmul, mm, mv, dot, linear, type LinearEpilogue } from './ops/matmul.js';
export { crossEntropy, softmaxCrossEntropy, squaredLoss, mseLoss, l1Loss, type LossOptions, type Reduction } from './ops/loss.js';
export { argmax, argmin, correctCount, accuracy } from './metrics.js';
