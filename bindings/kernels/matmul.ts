/** Matrix products: transpose flags, a bias and ReLU epilogue, and broadcast batch dimensions. */
import { ShapeError } from '../errors.js';
import { broadcastShapes, formatShape, sameShape, shapeSize } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { boolean, options as checkOptions } from '../validate.js';
import { launch, tensorArguments } from './launch.js';
import { broadcastTo } from './reduce.js';

export interface MatmulOptions {
  /** Use A transposed (its last two axes swapped). */
  transA?: boolean;
  transB?: boolean;
  /** An [n] bias added to every row of C. */
  bias?: Tensor | null;
  /** Apply ReLU after the bias. */
  relu?: boolean;
}

const MATMUL_OPTIONS = ['transA', 'transB', 'bias', 'relu'];

/**
 * C = op(A) · op(B) (+ bias) (then ReLU) for A [..., m, k] and B [..., k, n] (or their transposes):
 * the batch axes broadcast as in PyTorch's matmul; C is [...batch, m, n].
 */
export function matmul(a: Tensor, b: Tensor, options?: MatmulOptions): Tensor {
  const { transA = false, transB = false, bias = null, relu = false } = checkOptions('matmul', options, MATMUL_OPTIONS);
  const backend = tensorArguments('matmul', { a, b, bias }, ['bias']);
  for (const [name, flag] of [['transA', transA], ['transB', transB], ['relu', relu]] as const) boolean('matmul', name, flag);
  if (a.rank < 2 || b.rank < 2)
    throw new ShapeError(`matmul: expected operands of rank 2 or more, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const [ar, ac] = a.shape.slice(-2), [br, bc] = b.shape.slice(-2);
  const [m, k] = transA ? [ac, ar] : [ar, ac];
  const [kb, n] = transB ? [bc, br] : [br, bc];
  if (k !== kb)
    throw new ShapeError(
      `matmul: inner dimensions differ: op(A) is [${m}, ${k}], op(B) is [${kb}, ${n}] ` +
        `(A ${formatShape(a.shape)}${transA ? 'ᵀ' : ''}, B ${formatShape(b.shape)}${transB ? 'ᵀ' : ''})`,
    );
  if (bias && !(bias.rank === 1 && bias.shape[0] === n))
    throw new ShapeError(`matmul: bias must have shape [${n}], got ${formatShape(bias.shape)}`);
  const batchShape = broadcastShapes([a.shape.slice(0, -2), b.shape.slice(0, -2)], 'matmul');
  const batch = shapeSize(batchShape);
  // An operand whose batch axes are neither the full batch nor absent is expanded first.
  const operand = (t: Tensor): { tensor: Tensor; stride: number } => {
    const own = t.shape.slice(0, -2);
    if (shapeSize(own) === 1) return { tensor: t, stride: 0 };
    if (sameShape(own, batchShape.slice(batchShape.length - own.length)) && shapeSize(own) === batch)
      return { tensor: t, stride: t.shape[t.rank - 2] * t.shape[t.rank - 1] };
    const expanded = broadcastTo(t, [...batchShape, ...t.shape.slice(-2)]);
    return { tensor: expanded, stride: t.shape[t.rank - 2] * t.shape[t.rank - 1] };
  };
  const left = operand(a), right = operand(b);
  try {
    return launch(backend, [...batchShape, m, n], (c) => {
      backend.matmul(left.tensor.storage, right.tensor.storage, c, {
        m, n, k, transA, transB, bias: bias ? bias.storage : null, relu,
        batch, aBatchStride: left.stride, bBatchStride: right.stride,
      });
    });
  } finally {
    if (left.tensor !== a) left.tensor.dispose();
    if (right.tensor !== b) right.tensor.dispose();
  }
}
