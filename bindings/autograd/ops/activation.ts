/** Activations, softmax along an axis, and dropout. */
import * as k from '../../kernels/index.js';
import type { Tensor } from '../../tensor.js';
import { oneOf, options as checkOptions } from '../../validate.js';
import { defineOp } from '../graph.js';
import { applyUnary } from './unary.js';

export function relu(x: Tensor): Tensor {
  return applyUnary('relu', x);
}

export function sigmoid(x: Tensor): Tensor {
  return applyUnary('sigmoid', x);
}

export function tanh(x: Tensor): Tensor {
  return applyUnary('tanh', x);
}

export interface GeluOptions {
  /** 'none' (default): x·Φ(x) with the exact erf; 'tanh': PyTorch's tanh approximation. */
  approximate?: 'none' | 'tanh';
}

/** The checked `approximate` option of GELU. */
export function geluApproximation(fn: string, options?: GeluOptions): 'none' | 'tanh' {
  const { approximate = 'none' } = checkOptions(fn, options, ['approximate']);
  return oneOf(fn, 'approximate', approximate, ['none', 'tanh']);
}

/** GELU, PyTorch's gelu: x·Φ(x), or its tanh approximation. */
export function gelu(x: Tensor, options?: GeluOptions): Tensor {
  return applyUnary(geluApproximation('gelu', options) === 'tanh' ? 'geluTanh' : 'gelu', x);
}

const softmaxOp = defineOp<number>({
  name: 'softmax',
  forward: (([x], axis, ctx) => {
    const y = k.softmax(x, axis);
    ctx.save(y);
    return y;
  }),
  // dx = y ⊙ (dy − Σ dy ⊙ y)
  backward: (dy, axis, ctx) => {
    const y = ctx.saved[0];
    const dot = k.sum(k.binary('mul', dy, y), axis, true);
    return [k.binary('mul', y, k.binary('sub', dy, dot))];
  },
});

const logSoftmaxOp = defineOp<number>({
  name: 'logSoftmax',
  forward: ([x], axis, ctx) => {
    const y = k.logSoftmax(x, axis);
    ctx.save(y);
    return y;
  },
  // dx = dy − softmax(x) · Σ dy
  backward: (dy, axis, ctx) => {
    const total = k.sum(dy, axis, true);
    return [k.binary('sub', dy, k.binary('mul', k.unary('exp', ctx.saved[0]), total))];
  },
});

/** Softmax along axis (default the last), max-subtracted. */
export function softmax(x: Tensor, axis = -1): Tensor {
  return softmaxOp([x], axis);
}

/** Log-softmax along axis (default the last), max-subtracted. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return logSoftmaxOp([x], axis);
}

export type { DropoutOptions } from '../../kernels/index.js';

const dropoutOp = defineOp<k.DropoutOptions>({
  name: 'dropout',
  forward: ([x], options) => k.dropout(x, options),
  // The mask is regenerated from (seed, offset), never stored.
  backward: (dy, options) => [k.dropout(dy, options)],
});

/**
 * Inverted dropout: zeroes each element with probability p and scales the rest by 1/(1 − p).
 * In evaluation (training false) or with p = 0 it returns x itself.
 */
export function dropout(x: Tensor, options: k.DropoutOptions): Tensor {
  k.tensorArgument('dropout', 'x', x);
  k.dropoutArgs('dropout', options);
  if (options.training === false || options.p === 0) return x;
  return dropoutOp([x], options);
}
