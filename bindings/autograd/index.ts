import './methods.js';

export { defineOp, OpContext, type OpDefinition } from './graph.js';
export { backward, type BackwardOptions } from './backward.js';
export { noGrad, isGradEnabled } from './grad-mode.js';
export { add, sub, mul, div, neg, pow, square, sqrt, reciprocal, exp, log, type Operand } from './ops/elementwise.js';
export { sum, mean, reshape, flatten, type Axes } from './ops/reduce.js';
export { relu, sigmoid, tanh, softmax, logSoftmax, dropout, type DropoutOptions } from './ops/activation.js';
export { matmul, linear, type LinearOptions } from './ops/matmul.js';
export { softmaxCrossEntropy, squaredLoss, mseLoss, type LossOptions, type Reduction } from './ops/loss.js';
export { argmax, correctCount, accuracy } from './metrics.js';
