/** PyTorch-style chained methods on Tensor (x.matmul(w).add(b).relu()), installed by importing this module. */
import type { Labels } from '../kernels/index.js';
import { Tensor } from '../tensor.js';
import { backward, type BackwardOptions } from './backward.js';
import { relu, sigmoid, tanh, softmax, logSoftmax } from './ops/activation.js';
import { add, sub, mul, div, neg, pow, square, sqrt, reciprocal, exp, log, type Operand } from './ops/elementwise.js';
import { matmul } from './ops/matmul.js';
import { sum, mean, reshape, flatten, type Axes } from './ops/reduce.js';
import { argmax } from './metrics.js';
import { crossEntropy, type LossOptions } from './ops/loss.js';

declare module '../tensor.js' {
  interface Tensor {
    add(other: Operand): Tensor;
    sub(other: Operand): Tensor;
    mul(other: Operand): Tensor;
    div(other: Operand): Tensor;
    neg(): Tensor;
    pow(exponent: number): Tensor;
    square(): Tensor;
    sqrt(): Tensor;
    reciprocal(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sum(axes?: Axes, keepDims?: boolean): Tensor;
    mean(axes?: Axes, keepDims?: boolean): Tensor;
    reshape(shape: readonly number[]): Tensor;
    /** Same as reshape (tensors are always contiguous). */
    view(shape: readonly number[]): Tensor;
    /** Merges dims startDim..endDim (default: all) into one. */
    flatten(startDim?: number, endDim?: number): Tensor;
    matmul(other: Tensor): Tensor;
    relu(): Tensor;
    sigmoid(): Tensor;
    tanh(): Tensor;
    softmax(axis?: number): Tensor;
    logSoftmax(axis?: number): Tensor;
    crossEntropy(labels: Labels, options?: LossOptions): Tensor;
    argmax(axis?: number, keepDims?: boolean): Tensor;
    /** Accumulates d(this)/d(leaf) into every leaf's .grad; see autograd/backward.ts. */
    backward(gradient?: Tensor, options?: BackwardOptions): void;
    /** A tensor over the same data that is cut off from the graph (requiresGrad false). */
    detach(): Tensor;
    /** Frees .grad and sets it to null. */
    zeroGrad(): void;
  }
}

const methods: ThisType<Tensor> & Partial<Record<keyof Tensor, unknown>> = {
  add(this: Tensor, other: Operand) { return add(this, other); },
  sub(this: Tensor, other: Operand) { return sub(this, other); },
  mul(this: Tensor, other: Operand) { return mul(this, other); },
  div(this: Tensor, other: Operand) { return div(this, other); },
  neg(this: Tensor) { return neg(this); },
  pow(this: Tensor, exponent: number) { return pow(this, exponent); },
  square(this: Tensor) { return square(this); },
  sqrt(this: Tensor) { return sqrt(this); },
  reciprocal(this: Tensor) { return reciprocal(this); },
  exp(this: Tensor) { return exp(this); },
  log(this: Tensor) { return log(this); },
  sum(this: Tensor, axes?: Axes, keepDims?: boolean) { return sum(this, axes, keepDims); },
  mean(this: Tensor, axes?: Axes, keepDims?: boolean) { return mean(this, axes, keepDims); },
  reshape(this: Tensor, shape: readonly number[]) { return reshape(this, shape); },
  view(this: Tensor, shape: readonly number[]) { return reshape(this, shape); },
  flatten(this: Tensor, startDim?: number, endDim?: number) { return flatten(this, startDim, endDim); },
  matmul(this: Tensor, other: Tensor) { return matmul(this, other); },
  relu(this: Tensor) { return relu(this); },
  sigmoid(this: Tensor) { return sigmoid(this); },
  tanh(this: Tensor) { return tanh(this); },
  softmax(this: Tensor, axis?: number) { return softmax(this, axis); },
  logSoftmax(this: Tensor, axis?: number) { return logSoftmax(this, axis); },
  crossEntropy(this: Tensor, labels: Labels, options?: LossOptions) { return crossEntropy(this, labels, options); },
  argmax(this: Tensor, axis?: number, keepDims?: boolean) { return argmax(this, axis, keepDims); },
  backward(this: Tensor, gradient?: Tensor, options?: BackwardOptions) { backward(this, gradient, options); },
  detach(this: Tensor) { return this.alias(); },
  zeroGrad(this: Tensor) {
    this.grad?.dispose();
    this.grad = null;
  },
};

for (const [name, fn] of Object.entries(methods))
  Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true });
