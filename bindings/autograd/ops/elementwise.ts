/** Elementwise ops: broadcasting binary arithmetic, scalar operands and unary math. */
import { ValueError } from '../../errors.js';
import * as k from '../../kernels/index.js';
import { Tensor, tidy } from '../../tensor.js';
import { describe, finiteNumber } from '../../validate.js';
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
  name: 'addScalar',
  forward: ([x], c) => k.unary('shift', x, c),
  backward: (dy) => [dy],
});

/** x · c */
const scaleOp = defineOp<number>({
  name: 'mulScalar',
  forward: ([x], c) => k.unary('scale', x, c),
  backward: (dy, c) => [k.unary('scale', dy, c)],
});

const negOp = defineOp({
  name: 'neg',
  forward: ([x]) => k.unary('neg', x),
  backward: (dy) => [k.unary('neg', dy)],
});

function scalar(op: string, c: number): number {
  return finiteNumber(op, 'the scalar operand', c);
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
  if (typeof b === 'number') {
    if (scalar('div', b) === 0) throw new ValueError('div: division by the scalar 0');
    return scaleOp([a as Tensor], 1 / b);
  }
  if (typeof a === 'number') return tidy(() => scaleOp([reciprocal(b)], scalar('div', a)));
  return divOp([a, b], undefined);
}

export function neg(x: Tensor): Tensor {
  return negOp([x], undefined);
}

/** x ** exponent for a number exponent. */
export function pow(x: Tensor, exponent: number): Tensor {
  return applyUnary('pow', x, scalar('pow', exponent));
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
