/** Reduction Tensor methods (x.sum(1, true), x.max(), x.argmax(1), x.std()). */
import type { Tensor } from '../../tensor.js';
import { argmax, argmin } from '../metrics.js';
import { cumsum, logSumExp, max, mean, min, norm, prod, std, sum, variance, type Axes, type VarianceOptions } from '../ops/reduce.js';
import { installMethods } from './install.js';

declare module '../../tensor/tensor.js' {
  interface Tensor {
    sum(axes?: Axes, keepDims?: boolean): Tensor;
    mean(axes?: Axes, keepDims?: boolean): Tensor;
    /** The largest values (argmax gives their indices). */
    max(axes?: Axes, keepDims?: boolean): Tensor;
    min(axes?: Axes, keepDims?: boolean): Tensor;
    prod(axes?: Axes, keepDims?: boolean): Tensor;
    cumsum(axis: number): Tensor;
    /** Variance, unbiased by default (PyTorch's var). */
    var(axes?: Axes, options?: VarianceOptions): Tensor;
    std(axes?: Axes, options?: VarianceOptions): Tensor;
    norm(p?: number | 'fro', axes?: Axes, keepDims?: boolean): Tensor;
    logSumExp(axes?: Axes, keepDims?: boolean): Tensor;
    /** Index of the largest element along axis, or in the flattened tensor without one. */
    argmax(axis?: number, keepDims?: boolean): Tensor;
    argmin(axis?: number, keepDims?: boolean): Tensor;
  }
}

installMethods({
  sum(axes?: Axes, keepDims?: boolean) { return sum(this, axes, keepDims); },
  mean(axes?: Axes, keepDims?: boolean) { return mean(this, axes, keepDims); },
  max(axes?: Axes, keepDims?: boolean) { return max(this, axes, keepDims); },
  min(axes?: Axes, keepDims?: boolean) { return min(this, axes, keepDims); },
  prod(axes?: Axes, keepDims?: boolean) { return prod(this, axes, keepDims); },
  cumsum(axis: number) { return cumsum(this, axis); },
  var(axes?: Axes, options?: VarianceOptions) { return variance(this, axes, options); },
  std(axes?: Axes, options?: VarianceOptions) { return std(this, axes, options); },
  norm(p?: number | 'fro', axes?: Axes, keepDims?: boolean) { return norm(this, p, axes, keepDims); },
  logSumExp(axes?: Axes, keepDims?: boolean) { return logSumExp(this, axes, keepDims); },
  argmax(axis?: number, keepDims?: boolean) { return argmax(this, axis, keepDims); },
  argmin(axis?: number, keepDims?: boolean) { return argmin(this, axis, keepDims); },
});
