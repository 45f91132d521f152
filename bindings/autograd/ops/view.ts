/**
 * Ops that read a strided view of their input (slices, selections, permutations, flips): forward
 * materialises the view, backward writes the gradient into the same view of a zero tensor.
 */
import * as k from '../../kernels/index.js';
import { zeros, type Tensor } from '../../tensor.js';
import { defineOp } from '../graph.js';

const viewOp = defineOp<k.View>({
  name: 'view',
  forward: ([x], view) => k.materialize(x, view),
  backward: (dy, view, ctx) => {
    const dx = zeros(ctx.inputShapes[0], { backend: dy.backend });
    k.writeView('backward of a view', dx, view, dy);
    return [dx];
  },
});

/** The view of x's data as a new tensor, differentiable. */
export function applyView(x: Tensor, view: k.View): Tensor {
  return viewOp([x], view);
}

/** The contiguous view of a tensor's own data. */
export function viewOf(x: Tensor): k.View {
  k.tensorArgument('view', 'x', x);
  return k.contiguousView(x.shape);
}
