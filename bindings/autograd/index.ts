import './methods.js';

export { defineOp, OpContext, type OpDefinition } from './graph.js';
export { backward, type BackwardOptions } from './backward.js';
export { noGrad, isGradEnabled } from './grad-mode.js';
export { add, sub, mul, div, neg, pow, square, sqrt, reciprocal, exp, log, type Operand } from './ops/elementwise.js';
export { sum, mean, reshape, flatten, type Axes } from './ops/reduce.js';
export { relu, sigmoid, tanh, gelu, softmax, logSoftmax, dropout, type DropoutOptions, type GeluOptions } from './ops/activation.js';
export { applyUnary } from './ops/unary.js';
export { matmul, linear, type LinearEpilogue } from './ops/matmul.js';
export { crossEntropy, softmaxCrossEntropy, squaredLoss, mseLoss, type LossOptions, type Reduction } from './ops/loss.js';
export { argmax, argmin, correctCount, accuracy } from './metrics.js';
