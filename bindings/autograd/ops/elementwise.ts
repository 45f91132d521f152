/** Elementwise ops: broadcasting binary arithmetic, scalar operands and unary math. */
import { ValueError } from '../../errors.js';
import * as k from '../../kernels/index.js';
import { Tensor, tensor, tidy, zeros } from '../../tensor.js';
import { describe, numberNotNaN } from '../../validate.js';
import { defineOp } from '../graph.js';
import { applyUnary } from './unary.js';

export type Operand = Tensor | number;

const addOp = defineOp({
  name: 'add',
  forward: ([a, b]) => k.binary('add', a, b),
  backward: (dy, _, ctx) => [
    ctx.needsGrad[0] ? k.sumTo(dy, ctx.inputShapes[0]) : null,
    ctx.needsGrad[1] ? k.sumTo(dy, ctx.inputShapes[1]) : null,
  ],
});

const subOp = defineOp({
  name: 'sub',
  forward: ([a, b]) => k.binary('sub', a, b),
  backward: (dy, _, ctx) => [
    ctx.needsGrad[0] ? k.sumTo(dy, ctx.inputShapes[0]) : null,
    ctx.needsGrad[1] ? k.sumTo(k.unary('neg', dy), ctx.inputShapes[1]) : null,
  ],
});

const mulOp = defineOp({
  name: 'mul',
  forward: ([a, b], _, ctx) => {
    ctx.save(a, b);
    return k.binary('mul', a, b);
  },
  backward: (dy, _, ctx) => {
    const [a, b] = ctx.saved;
    return [
      ctx.needsGrad[0] ? k.sumTo(k.binary('mul', dy, b), ctx.inputShapes[0]) : null,
      ctx.needsGrad[1] ? k.sumTo(k.binary('mul', dy, a), ctx.inputShapes[1]) : null,
    ];
  },
});

const divOp = defineOp({
  name: 'div',
  forward: ([a, b], _, ctx) => {
    ctx.save(a, b);
    return k.binary('div', a, b);
  },
  backward: (dy, _, ctx) => {
    const [a, b] = ctx.saved;
    const dyOverB = k.binary('div', dy, b);
    return [
      // d(a/b)/da = 1/b, d(a/b)/db = -a/b²
      ctx.needsGrad[0] ? k.sumTo(dyOverB, ctx.inputShapes[0]) : null,
      ctx.needsGrad[1] ? k.sumTo(k.unary('neg', k.binary('div', k.binary('mul', dyOverB, a), b)), ctx.inputShapes[1]) : null,
    ];
  },
});

/** x + c */
const shiftOp = defineOp<number>({
  name: 'add',
  forward: ([x], c) => k.unary('shift', x, c),
  backward: (dy) => [dy],
});

/** x · c */
const scaleOp = defineOp<number>({
  name: 'mul',
  forward: ([x], c) => k.unary('scale', x, c),
  backward: (dy, c) => [k.unary('scale', dy, c)],
});

/** x / c */
const divideOp = defineOp<number>({
  name: 'div',
  forward: ([x], c) => k.unary('divide', x, c),
  backward: (dy, c) => [k.unary('divide', dy, c)],
});

const negOp = defineOp({
  name: 'neg',
  forward: ([x]) => k.unary('neg', x),
  backward: (dy) => [k.unary('neg', dy)],
});

/** A number operand: any but NaN (x / 0 is ±Inf or NaN, as in PyTorch). */
function scalar(op: string, c: number): number {
  return numberNotNaN(op, 'the scalar operand', c);
}

function operands(op: string, a: Operand, b: Operand): void {
  if (!(a instanceof Tensor) && !(b instanceof Tensor))
    throw new ValueError(`${op}: at least one operand must be a tensor, got ${describe(a)} and ${describe(b)}`);
}

/** a + b with PyTorch broadcasting; either may be a number. */
export function add(a: Operand, b: Operand): Tensor {
  operands('add', a, b);
  if (typeof b === 'number') return shiftOp([a as Tensor], scalar('add', b));
  if (typeof a === 'number') return shiftOp([b], scalar('add', a));
  return addOp([a, b], undefined);
}

/** a − b with PyTorch broadcasting; either may be a number. */
export function sub(a: Operand, b: Operand): Tensor {
  operands('sub', a, b);
  if (typeof b === 'number') return shiftOp([a as Tensor], -scalar('sub', b));
  if (typeof a === 'number') return tidy(() => shiftOp([negOp([b], undefined)], scalar('sub', a)));
  return subOp([a, b], undefined);
}

/** a · b elementwise with PyTorch broadcasting; either may be a number. */
export function mul(a: Operand, b: Operand): Tensor {
  operands('mul', a, b);
  if (typeof b === 'number') return scaleOp([a as Tensor], scalar('mul', b));
  if (typeof a === 'number') return scaleOp([b], scalar('mul', a));
  return mulOp([a, b], undefined);
}

/** a / b elementwise with PyTorch broadcasting; either may be a number. */
export function div(a: Operand, b: Operand): Tensor {
  operands('div', a, b);
  if (typeof b === 'number') return divideOp([a as Tensor], scalar('div', b));
  if (typeof a === 'number') return tidy(() => scaleOp([reciprocal(b)], scalar('div', a)));
  return divOp([a, b], undefined);
}

export function neg(x: Tensor): Tensor {
  return negOp([x], undefined);
}

/** x ** exponent, elementwise; either may be a number, the tensors broadcast. */
export function pow(x: Operand, exponent: Operand): Tensor {
  operands('pow', x, exponent);
  if (typeof exponent === 'number') return applyUnary('pow', x as Tensor, scalar('pow', exponent));
  return tidy(() => powOp([typeof x === 'number' ? scalarLike(x, exponent as Tensor) : x, exponent as Tensor], undefined));
}

export function square(x: Tensor): Tensor {
  return applyUnary('square', x);
}

export function sqrt(x: Tensor): Tensor {
  return applyUnary('sqrt', x);
}

export function reciprocal(x: Tensor): Tensor {
  return applyUnary('reciprocal', x);
}

export function exp(x: Tensor): Tensor {
  return applyUnary('exp', x);
}

/** Natural logarithm. */
export function log(x: Tensor): Tensor {
  return applyUnary('log', x);
}

/** A number as a rank-0 tensor on `like`'s backend (a scalar operand of a binary op). */
export function scalarLike(value: number, like: Tensor): Tensor {
  return tensor(numberNotNaN('scalar operand', 'value', value), { backend: like.backend });
}

const powOp = defineOp({
  name: 'pow',
  forward: ([a, b], _, ctx) => {
    const y = k.binary('pow', a, b);
    ctx.save(a, b, y);
    return y;
  },
  // d(aᵇ)/da = b·aᵇ⁻¹; d(aᵇ)/db = aᵇ·ln a, 0 where a is 0 (PyTorch's convention).
  backward: (dy, _, ctx) => {
    const [a, b, y] = ctx.saved;
    return [
      ctx.needsGrad[0] ? k.sumTo(k.binary('mul', dy, k.binary('mul', b, k.binary('pow', a, k.unary('shift', b, -1)))), ctx.inputShapes[0]) : null,
      ctx.needsGrad[1]
        ? k.sumTo(k.where(a, k.binary('mul', dy, k.binary('mul', y, k.unary('log', a))), zeros([], { backend: dy.backend })), ctx.inputShapes[1])
        : null,
    ];
  },
});

/** The error function. */
export function erf(x: Tensor): Tensor {
  return applyUnary('erf', x);
}

export function sin(x: Tensor): Tensor {
  return applyUnary('sin', x);
}

export function cos(x: Tensor): Tensor {
  return applyUnary('cos', x);
}
