/** Matrix products: matmul, and the fused affine layer linear() that nn.Linear uses. */
import { ShapeError } from '../../errors.js';
import * as k from '../../kernels/index.js';
import { formatShape } from '../../shape.js';
import { Tensor, tidy } from '../../tensor.js';
import { defineOp } from '../graph.js';
import { reshape } from './shape.js';

const matmulOp = defineOp({
  name: 'matmul',
  forward: ([a, b], _, ctx) => {
    ctx.save(a, b);
    return k.matmul(a, b);
  },
  // Batch axes a or b was broadcast along are summed back (sumTo).
  backward: (dy, _, ctx) => {
    const [a, b] = ctx.saved;
    return [
      ctx.needsGrad[0] ? k.sumTo(k.matmul(dy, b, { transB: true }), ctx.inputShapes[0]) : null, // dA = dY·Bᵀ
      ctx.needsGrad[1] ? k.sumTo(k.matmul(a, dy, { transA: true }), ctx.inputShapes[1]) : null, // dB = Aᵀ·dY
    ];
  },
});

/**
 * PyTorch's matmul: matrix products of the last two axes with the batch axes broadcast; a 1-d operand is
 * a row (a) or column (b) vector whose axis is dropped from the result, so 1-d·1-d is the dot product.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  k.tensorArgument('matmul', 'a', a);
  k.tensorArgument('matmul', 'b', b);
  if (a.rank === 0 || b.rank === 0)
    throw new ShapeError(`matmul: operands must have at least one axis, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  if (a.rank >= 2 && b.rank >= 2) return matmulOp([a, b], undefined);
  return tidy(() => {
    const a2 = a.rank === 1 ? reshape(a, [1, a.shape[0]]) : a;
    const b2 = b.rank === 1 ? reshape(b, [b.shape[0], 1]) : b;
    const c = matmulOp([a2, b2], undefined);
    const shape = c.shape.slice(0, -2);
    if (a.rank >= 2) shape.push(c.shape[c.rank - 2]);
    if (b.rank >= 2) shape.push(c.shape[c.rank - 1]);
    return reshape(c, shape);
  });
}

function ranks(fn: string, a: Tensor, b: Tensor, ra: number, rb: number): void {
  k.tensorArgument(fn, 'a', a);
  k.tensorArgument(fn, 'b', b);
  if (a.rank !== ra || b.rank !== rb)
    throw new ShapeError(`${fn}: expected ${ra}-d and ${rb}-d operands, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
}

/** The product of two matrices (PyTorch's mm). */
export function mm(a: Tensor, b: Tensor): Tensor {
  ranks('mm', a, b, 2, 2);
  return matmul(a, b);
}

/** A matrix times a vector (PyTorch's mv). */
export function mv(a: Tensor, x: Tensor): Tensor {
  ranks('mv', a, x, 2, 1);
  return matmul(a, x);
}

/** The dot product of two vectors (PyTorch's dot): a rank-0 tensor. */
export function dot(a: Tensor, b: Tensor): Tensor {
  ranks('dot', a, b, 1, 1);
  return matmul(a, b);
}

export interface LinearEpilogue {
  /** Apply ReLU to the output in the same kernel. */
  relu?: boolean;
}

const linearOp = defineOp<{ relu: boolean }>({
  name: 'linear',
  forward: ([x, w, b], { relu }, ctx) => {
    const y = k.matmul(x, w, { transB: true, bias: b ?? null, relu });
    ctx.save(x, w);
    if (relu) ctx.save(y);
    return y;
  },
  backward: (dy, { relu }, ctx) => {
    const [x, w, y] = ctx.saved;
    const g = relu ? k.binary('reluGrad', y, dy) : dy;
    return [
      ctx.needsGrad[0] ? k.matmul(g, w) : null, // dX = G·W          [N, in]
      ctx.needsGrad[1] ? k.matmul(g, x, { transA: true }) : null, // dW = Gᵀ·X  [out, in]
      ctx.needsGrad[2] ? k.sum(g, 0) : null, // db = Σ rows of G        [out]
    ];
  },
});

/**
 * y = x·wᵀ + b (then ReLU), one fused kernel forward and transposed-operand matmuls backward.
 * x is [N, in], w is [out, in] (PyTorch's layout), b is [out] or null.
 */
export function linear(x: Tensor, w: Tensor, b: Tensor | null = null, options: LinearEpilogue = {}): Tensor {
  k.tensorArgument('linear', 'x', x);
  k.tensorArgument('linear', 'weight', w);
  if (b !== null) k.tensorArgument('linear', 'bias', b);
  if (x.rank !== 2 || w.rank !== 2 || x.shape[1] !== w.shape[1])
    throw new ShapeError(
      `linear: expected x [N, in] and weight [out, in], got x ${formatShape(x.shape)} and weight ${formatShape(w.shape)}`,
    );
  if (b && (b.rank !== 1 || b.shape[0] !== w.shape[0]))
    throw new ShapeError(`linear: bias must be [${w.shape[0]}] for weight ${formatShape(w.shape)}, got ${formatShape(b.shape)}`);
  return linearOp(b ? [x, w, b] : [x, w], { relu: options.relu ?? false });
}
