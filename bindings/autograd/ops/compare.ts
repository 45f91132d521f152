/**
 * Elementwise selection and comparison: maximum, minimum, where, eq/ne/gt/ge/lt/le (0/1 tensors without
 * gradients), and the table's unary ops that need arguments: abs, sign, clamp, isnan, isfinite.
 */
import type { BinaryOp } from '../../backend.js';
import * as k from '../../kernels/index.js';
import { Tensor, tidy, zeros } from '../../tensor.js';
import { describe, numberNotNaN } from '../../validate.js';
import { ValueError } from '../../errors.js';
import { defineOp } from '../graph.js';
import { scalarLike, type Operand } from './elementwise.js';
import { applyUnary } from './unary.js';

/**
 * Both operands as tensors: a number becomes a rank-0 tensor on the other's backend. Call it inside
 * tidy() so that this temporary is freed with the call (an op saves its own alias of it).
 */
function tensors(fn: string, a: Operand, b: Operand): [Tensor, Tensor] {
  if (a instanceof Tensor && b instanceof Tensor) return [a, b];
  if (a instanceof Tensor && typeof b === 'number') return [a, scalarLike(b, a)];
  if (b instanceof Tensor && typeof a === 'number') return [scalarLike(a, b), b];
  throw new ValueError(`${fn}: expected tensors or a tensor and a number, got ${describe(a)} and ${describe(b)}`);
}

/** maximum / minimum: the gradient goes to the larger (smaller) operand, half to each on a tie (PyTorch). */
function extremeOp(op: 'maximum' | 'minimum') {
  const wins: BinaryOp = op === 'maximum' ? 'gt' : 'lt', loses: BinaryOp = op === 'maximum' ? 'lt' : 'gt';
  return defineOp({
    name: op,
    forward: ([a, b], _, ctx) => {
      ctx.save(a, b);
      return k.binary(op, a, b);
    },
    backward: (dy, _, ctx) => {
      const [a, b] = ctx.saved;
      const half = k.unary('scale', k.binary('eq', a, b), 0.5);
      const share = (beats: BinaryOp, i: number) =>
        ctx.needsGrad[i] ? k.sumTo(k.binary('mul', dy, k.binary('add', k.binary(beats, a, b), half)), ctx.inputShapes[i]) : null;
      return [share(wins, 0), share(loses, 1)];
    },
  });
}
const maximumOp = extremeOp('maximum'), minimumOp = extremeOp('minimum');

/** The larger of a and b elementwise, NaN if either is (PyTorch's maximum). */
export function maximum(a: Operand, b: Operand): Tensor {
  return tidy(() => maximumOp(tensors('maximum', a, b), undefined));
}

export function minimum(a: Operand, b: Operand): Tensor {
  return tidy(() => minimumOp(tensors('minimum', a, b), undefined));
}

const whereOp = defineOp({
  name: 'where',
  forward: ([cond, a, b], _, ctx) => {
    ctx.save(cond);
    return k.where(cond, a, b);
  },
  backward: (dy, _, ctx) => {
    const [cond] = ctx.saved;
    const zero = zeros([], { backend: dy.backend });
    return [
      null,
      ctx.needsGrad[1] ? k.sumTo(k.where(cond, dy, zero), ctx.inputShapes[1]) : null,
      ctx.needsGrad[2] ? k.sumTo(k.where(cond, zero, dy), ctx.inputShapes[2]) : null,
    ];
  },
});

/** a where cond is non-zero, else b; the three broadcast together; a or b may be a number (PyTorch's where). */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  k.tensorArgument('where', 'cond', cond);
  return tidy(() => {
    const [x, y] = [a, b].map((v) => (typeof v === 'number' ? scalarLike(v, cond) : v)) as [Tensor, Tensor];
    return whereOp([cond, x, y], undefined);
  });
}

/** A comparison as a 0/1 tensor; it has no gradient. */
function compare(op: BinaryOp, a: Operand, b: Operand): Tensor {
  return tidy(() => {
    const [x, y] = tensors(op, a, b);
    return k.binary(op, x, y);
  });
}

export const eq = (a: Operand, b: Operand): Tensor => compare('eq', a, b);
export const ne = (a: Operand, b: Operand): Tensor => compare('ne', a, b);
export const gt = (a: Operand, b: Operand): Tensor => compare('gt', a, b);
export const ge = (a: Operand, b: Operand): Tensor => compare('ge', a, b);
export const lt = (a: Operand, b: Operand): Tensor => compare('lt', a, b);
export const le = (a: Operand, b: Operand): Tensor => compare('le', a, b);

export function abs(x: Tensor): Tensor {
  return applyUnary('abs', x);
}

/** -1, 0 or 1 (0 for NaN, as PyTorch); its gradient is 0. */
export function sign(x: Tensor): Tensor {
  return applyUnary('sign', x);
}

/** x clamped to [min, max] (either may be left out); NaN stays NaN; min > max gives max everywhere (PyTorch). */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min === undefined || min === null ? -Infinity : numberNotNaN('clamp', 'min', min);
  const hi = max === undefined || max === null ? Infinity : numberNotNaN('clamp', 'max', max);
  return applyUnary('clamp', x, Math.min(lo, hi), hi);
}

export function isnan(x: Tensor): Tensor {
  return k.unary('isnan', x);
}

export function isfinite(x: Tensor): Tensor {
  return k.unary('isfinite', x);
}
