/** Matrix products: matmul, and the fused affine layer linear() that nn.Linear uses. */
import { ShapeError } from '../../errors.js';
import * as k from '../../kernels/index.js';
import { formatShape } from '../../shape.js';
import { Tensor } from '../../tensor.js';
import { defineOp } from '../graph.js';
import { reshape } from './reduce.js';

const matmulOp = defineOp({
  name: 'matmul',
  forward: ([a, b], _, ctx) => {
    ctx.save(a, b);
    return k.matmul(a, b);
  },
  backward: (dy, _, ctx) => {
    const [a, b] = ctx.saved;
    return [
      ctx.needsGrad[0] ? k.matmul(dy, b, { transB: true }) : null, // dA = dY·Bᵀ
      ctx.needsGrad[1] ? k.matmul(a, dy, { transA: true }) : null, // dB = Aᵀ·dY
    ];
  },
});

/** Matrix product of 2-d tensors; a 1-d operand is a row (a) or column (b) vector and its axis is dropped, as in PyTorch. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  k.tensorArgument('matmul', 'a', a);
  k.tensorArgument('matmul', 'b', b);
  if (a.rank < 1 || a.rank > 2 || b.rank < 1 || b.rank > 2)
    throw new ShapeError(`matmul: expected 1-d or 2-d operands, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  if (a.rank === 2 && b.rank === 2) return matmulOp([a, b], undefined);
  const a2 = a.rank === 1 ? reshape(a, [1, a.shape[0]]) : a;
  const b2 = b.rank === 1 ? reshape(b, [b.shape[0], 1]) : b;
  const c2 = matmulOp([a2, b2], undefined);
  const shape = [...(a.rank === 2 ? [a.shape[0]] : []), ...(b.rank === 2 ? [b.shape[1]] : [])];
  const c = reshape(c2, shape);
  for (const t of [a2, b2, c2]) if (t !== a && t !== b) t.dispose();
  return c;
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
