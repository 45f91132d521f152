/** Activations, softmax over the last axis, and dropout. */
import { ShapeError, ValueError } from '../../errors.js';
import * as k from '../../kernels.js';
import { formatShape } from '../../shape.js';
import { Tensor } from '../../tensor.js';
import { defineOp, expectTensor } from '../graph.js';

const reluOp = defineOp({
  name: 'relu',
  forward: ([x], _, ctx) => {
    const y = k.relu(x);
    ctx.save(y);
    return y;
  },
  backward: (dy, _, ctx) => [k.reluBackward(ctx.saved[0], dy)],
});

const sigmoidOp = defineOp({
  name: 'sigmoid',
  forward: ([x], _, ctx) => {
    const y = k.unary('sigmoid', x);
    ctx.save(y);
    return y;
  },
  // σ' = σ(1 − σ)
  backward: (dy, _, ctx) => {
    const y = ctx.saved[0];
    return [k.binary('mul', dy, k.binary('mul', y, k.unary('shift', k.unary('neg', y), 1)))];
  },
});

const tanhOp = defineOp({
  name: 'tanh',
  forward: ([x], _, ctx) => {
    const y = k.unary('tanh', x);
    ctx.save(y);
    return y;
  },
  // tanh' = 1 − tanh²
  backward: (dy, _, ctx) => [k.binary('mul', dy, k.unary('shift', k.unary('neg', k.unary('square', ctx.saved[0])), 1))],
});

export function relu(x: Tensor): Tensor {
  return reluOp([x], undefined);
}

export function sigmoid(x: Tensor): Tensor {
  return sigmoidOp([x], undefined);
}

export function tanh(x: Tensor): Tensor {
  return tanhOp([x], undefined);
}

/** x viewed as [rows, last axis] for the row kernels. */
export function rows(op: string, x: Tensor): Tensor {
  if (x.rank === 0 || x.shape[x.rank - 1] === 0)
    throw new ShapeError(`${op}: needs a last axis with at least one element, got ${formatShape(x.shape)}`);
  const cols = x.shape[x.rank - 1];
  return x.alias([x.size / cols, cols]);
}

/** Applies a row kernel to x viewed as [rows, last axis]; the result has x's shape. */
function overRows(op: string, x: Tensor, kernel: (rows: Tensor) => Tensor): Tensor {
  const x2 = rows(op, x);
  const y2 = kernel(x2);
  const y = y2.alias(x.shape);
  x2.dispose();
  y2.dispose();
  return y;
}

function lastAxis(op: string, axis: number, rank: number): void {
  if (axis !== -1 && axis !== rank - 1)
    throw new ShapeError(`${op}: only the last axis is supported (-1 or ${rank - 1}), got ${axis}`);
}

const softmaxOp = defineOp({
  name: 'softmax',
  forward: ([x], _, ctx) => {
    const y = overRows('softmax', x, k.softmax);
    ctx.save(y);
    return y;
  },
  // dx = y ⊙ (dy − Σ dy ⊙ y)
  backward: (dy, _, ctx) => {
    const y = rows('softmax', ctx.saved[0]), g = rows('softmax', dy);
    const dot = k.sum(k.binary('mul', g, y), 1, true);
    return [k.binary('mul', y, k.binary('sub', g, dot)).alias(ctx.inputShapes[0])];
  },
});

const logSoftmaxOp = defineOp({
  name: 'logSoftmax',
  forward: ([x], _, ctx) => {
    const y = overRows('logSoftmax', x, k.logSoftmax);
    ctx.save(y);
    return y;
  },
  // dx = dy − softmax(x) · Σ dy
  backward: (dy, _, ctx) => {
    const y = rows('logSoftmax', ctx.saved[0]), g = rows('logSoftmax', dy);
    const total = k.sum(g, 1, true);
    return [k.binary('sub', g, k.binary('mul', k.unary('exp', y), total)).alias(ctx.inputShapes[0])];
  },
});

/** Softmax over the last axis (axis must be -1 or rank − 1). */
export function softmax(x: Tensor, axis = -1): Tensor {
  expectTensor('softmax', 'x', x);
  lastAxis('softmax', axis, x.rank);
  return softmaxOp([x], undefined);
}

/** Log-softmax over the last axis (axis must be -1 or rank − 1), max-subtracted. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  expectTensor('logSoftmax', 'x', x);
  lastAxis('logSoftmax', axis, x.rank);
  return logSoftmaxOp([x], undefined);
}

export interface DropoutOptions {
  /** Probability of zeroing an element, in [0, 1). */
  p: number;
  /** Philox key; the same (seed, offset) gives the same mask on every backend. */
  seed: number;
  /** Distinguishes the masks drawn under one seed (Dropout modules count their calls here). */
  offset?: number;
  /** When false, dropout is the identity (evaluation). Default true. */
  training?: boolean;
}

const dropoutOp = defineOp<k.DropoutOptions>({
  name: 'dropout',
  forward: ([x], options) => k.dropout(x, options),
  // The mask is regenerated from (seed, offset), never stored.
  backward: (dy, options) => [k.dropoutBackward(dy, options)],
});

/**
 * Inverted dropout: zeroes each element with probability p and scales the rest by 1/(1 − p).
 * In evaluation (training false) or with p = 0 it returns x itself.
 */
export function dropout(x: Tensor, options: DropoutOptions): Tensor {
  if (!options || typeof options !== 'object') throw new ValueError('dropout: options { p, seed } are required');
  expectTensor('dropout', 'x', x);
  const { p, seed, offset = 0, training = true } = options;
  const args = { p, seed, offset };
  if (!training || p === 0) {
    k.dropoutArgs('dropout', args);
    return x;
  }
  return dropoutOp([x], args);
}
