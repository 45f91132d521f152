/**
 * Every unary op of the op table whose backward rule the table states, as one autograd op each:
 * forward is the table's expression, backward its `<name>Grad` rule on the saved input or output.
 */
import type { UnaryOpWithGrad } from '../../backend.js';
import * as k from '../../kernels/index.js';
import { gradOp, gradSource } from '../../op-table/index.js';
import type { Tensor } from '../../tensor.js';
import { defineOp } from '../graph.js';
import { ValueError } from '../../errors.js';
import { UNARY_OPS, UNARY_ROWS } from '../../op-table/index.js';
import { describe } from '../../validate.js';

interface Scalars {
  alpha: number;
  beta: number;
}

type UnaryFunction = (inputs: readonly Tensor[], params: Scalars) => Tensor;

const defined = new Map<UnaryOpWithGrad, UnaryFunction>();

function define(op: UnaryOpWithGrad): UnaryFunction {
  const savesOutput = gradSource(op) === 'y';
  return defineOp<Scalars>({
    name: op,
    forward: ([x], { alpha, beta }, ctx) => {
      const y = k.unary(op, x, alpha, beta);
      ctx.save(savesOutput ? y : x);
      return y;
    },
    backward: (dy, { alpha, beta }, ctx) => [k.binary(gradOp(op), ctx.saved[0], dy, alpha, beta)],
  });
}

/** op(x; alpha, beta) with autograd, for any unary op of the table that has a backward rule. */
export function applyUnary(op: UnaryOpWithGrad, x: Tensor, alpha = 0, beta = 0): Tensor {
  if (!UNARY_OPS.includes(op) || !UNARY_ROWS[op].grad)
    throw new ValueError(`applyUnary: op must be a unary op with a gradient (${UNARY_OPS.filter((o) => UNARY_ROWS[o].grad).join(', ')}), got ${describe(op)}`);
  let fn = defined.get(op);
  if (!fn) defined.set(op, (fn = define(op)));
  return fn([x], { alpha, beta });
}
