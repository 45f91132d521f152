/** Elementwise kernels: the op table's unary and binary ops, where, copy. */
import type { BinaryOp, UnaryOp } from '../backend.js';
import { callFused } from '../fused/index.js';
import { BINARY_OPS, UNARY_OPS } from '../op-table/index.js';
import { broadcastLayout, sameShape, formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { ShapeError } from '../errors.js';
import { numberNotNaN, oneOf } from '../validate.js';
import { launch, tensorArguments } from './launch.js';

/** y = op(x; alpha, beta) for an op of the table (bindings/op-table/unary.ts). */
export function unary(op: UnaryOp, x: Tensor, alpha = 0, beta = 0): Tensor {
  oneOf('unary', 'op', op, UNARY_OPS);
  const backend = tensorArguments(op, { x });
  numberNotNaN(op, 'alpha', alpha);
  numberNotNaN(op, 'beta', beta);
  return launch(backend, x.shape, (out) => backend.unary(op, x.storage, out, x.size, alpha, beta));
}

/** y = op(a, b; alpha, beta) with PyTorch broadcasting, for an op of the table (binary.ts, or a unary op's `<name>Grad`). */
export function binary(op: BinaryOp, a: Tensor, b: Tensor, alpha = 0, beta = 0): Tensor {
  oneOf('binary', 'op', op, BINARY_OPS);
  const backend = tensorArguments(op, { a, b });
  numberNotNaN(op, 'alpha', alpha);
  numberNotNaN(op, 'beta', beta);
  const { shape, layout } = broadcastLayout([a.shape, b.shape], op);
  return launch(backend, shape, (out) => backend.binary(op, a.storage, b.storage, out, layout, alpha, beta));
}

/** x = op(x; alpha, beta) in place. */
export function unaryInPlace(op: UnaryOp, x: Tensor, alpha = 0, beta = 0): void {
  oneOf('unary', 'op', op, UNARY_OPS);
  const backend = tensorArguments(op, { x });
  if (x.size > 0) backend.unary(op, x.storage, x.storage, x.size, numberNotNaN(op, 'alpha', alpha), numberNotNaN(op, 'beta', beta));
}

/** into = op(into, x) in place, x broadcast to into's shape (gradient accumulation, optimiser states). */
export function binaryInPlace(op: BinaryOp, into: Tensor, x: Tensor): void {
  const backend = tensorArguments(op, { into, x });
  const { shape, layout } = broadcastLayout([into.shape, x.shape], op);
  if (!sameShape(shape, into.shape))
    throw new ShapeError(`${op}: ${formatShape(x.shape)} does not broadcast to ${formatShape(into.shape)} in place`);
  if (into.size > 0) backend.binary(op, into.storage, x.storage, into.storage, layout, 0, 0);
}

/** cond != 0 ? a : b elementwise, the three broadcast together (PyTorch's where). */
export function where(cond: Tensor, a: Tensor, b: Tensor): Tensor {
  const backend = tensorArguments('where', { cond, a, b });
  const { shape, layout } = broadcastLayout([cond.shape, a.shape, b.shape], 'where');
  return launch(backend, shape, (out) => callFused(backend, 'where', cond.storage, a.storage, b.storage, out, layout));
}

/** A new tensor with x's values. */
export function copy(x: Tensor): Tensor {
  const backend = tensorArguments('copy', { x });
  return launch(backend, x.shape, (out) => backend.copy(x.storage, out, x.size));
}

/** into += x in place, for tensors of one shape. */
export function accumulate(into: Tensor, x: Tensor): void {
  tensorArguments('accumulate', { into, x });
  if (!sameShape(into.shape, x.shape))
    throw new ShapeError(`accumulate: shapes differ: ${formatShape(into.shape)} and ${formatShape(x.shape)}`);
  binaryInPlace('add', into, x);
}
