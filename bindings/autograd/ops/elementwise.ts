/** Elementwise ops: broadcasting binary arithmetic, scalar operands and unary math. */
import { ValueError } from '../../errors.js';
import * as k from '../../kernels.js';
import { Tensor, tidy } from '../../tensor.js';
import { defineOp } from '../graph.js';

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

const powOp = defineOp<number>({
  name: 'pow',
  forward: ([x], p, ctx) => {
    ctx.save(x);
    return k.unary('pow', x, p);
  },
  // d(xᵖ)/dx = p·xᵖ⁻¹
  backward: (dy, p, ctx) => [k.binary('mul', dy, k.unary('scale', k.unary('pow', ctx.saved[0], p - 1), p))],
});

const squareOp = defineOp({
  name: 'square',
  forward: ([x], _, ctx) => {
    ctx.save(x);
    return k.unary('square', x);
  },
  backward: (dy, _, ctx) => [k.binary('mul', dy, k.unary('scale', ctx.saved[0], 2))],
});

const sqrtOp = defineOp({
  name: 'sqrt',
  forward: ([x], _, ctx) => {
    const y = k.unary('sqrt', x);
    ctx.save(y);
    return y;
  },
  // d(√x)/dx = 1 / (2√x)
  backward: (dy, _, ctx) => [k.binary('div', k.unary('scale', dy, 0.5), ctx.saved[0])],
});

const reciprocalOp = defineOp({
  name: 'reciprocal',
  forward: ([x], _, ctx) => {
    const y = k.unary('reciprocal', x);
    ctx.save(y);
    return y;
  },
  // d(1/x)/dx = -1/x² = -y²
  backward: (dy, _, ctx) => [k.unary('neg', k.binary('mul', dy, k.unary('square', ctx.saved[0])))],
});

const expOp = defineOp({
  name: 'exp',
  forward: ([x], _, ctx) => {
    const y = k.unary('exp', x);
    ctx.save(y);
    return y;
  },
  backward: (dy, _, ctx) => [k.binary('mul', dy, ctx.saved[0])],
});

const logOp = defineOp({
  name: 'log',
  forward: ([x], _, ctx) => {
    ctx.save(x);
    return k.unary('log', x);
  },
  backward: (dy, _, ctx) => [k.binary('div', dy, ctx.saved[0])],
});

function scalar(op: string, c: number): number {
  if (typeof c !== 'number' || !Number.isFinite(c)) throw new ValueError(`${op}: scalar operand must be a finite number, got ${String(c)}`);
  return c;
}

function operands(op: string, a: Operand, b: Operand): void {
  if (!(a instanceof Tensor) && !(b instanceof Tensor))
    throw new ValueError(`${op}: at least one operand must be a tensor, got ${String(a)} and ${String(b)}`);
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
  if (typeof a === 'number') return tidy(() => scaleOp([reciprocalOp([b], undefined)], scalar('div', a)));
  return divOp([a, b], undefined);
}

export function neg(x: Tensor): Tensor {
  return negOp([x], undefined);
}

/** x ** exponent for a number exponent. */
export function pow(x: Tensor, exponent: number): Tensor {
  return powOp([x], scalar('pow', exponent));
}

export function square(x: Tensor): Tensor {
  return squareOp([x], undefined);
}

export function sqrt(x: Tensor): Tensor {
  return sqrtOp([x], undefined);
}

export function reciprocal(x: Tensor): Tensor {
  return reciprocalOp([x], undefined);
}

export function exp(x: Tensor): Tensor {
  return expOp([x], undefined);
}

/** Natural logarithm. */
export function log(x: Tensor): Tensor {
  return logOp([x], undefined);
}
