/** Layout kernels on the strided-copy primitive: materialising views, writing into them, concatenation. */
import { ShapeError } from '../errors.js';
import { broadcastShapes, contiguousStrides, formatShape, normaliseAxis, sameShape, shapeSize, stridedLayout } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { launch, tensorArgument, tensorArguments } from './launch.js';
import { checkViewWithin, contiguousView, expandView, flipView, permuteView, type View } from './view.js';

/** A new contiguous tensor holding the view of x's data. */
export function materialize(x: Tensor, view: View): Tensor {
  const backend = tensorArguments('materialize', { x });
  checkViewWithin('materialize', view, x.storage.length);
  return launch(backend, view.shape, (out) => backend.stridedCopy(x.storage, out, stridedLayout(view.shape, view.offset, view.strides)));
}

/** Copies source, broadcast to the view's shape, into the view of target's data (in place). */
export function writeView(fn: string, target: Tensor, view: View, source: Tensor): void {
  const backend = tensorArguments(fn, { target, source });
  checkViewWithin(fn, view, target.storage.length);
  const shape = broadcastShapes([view.shape, source.shape], fn);
  if (!sameShape(shape, view.shape))
    throw new ShapeError(`${fn}: a value of shape ${formatShape(source.shape)} does not fit ${formatShape(view.shape)}`);
  if (shapeSize(view.shape) === 0) return;
  const from = expandView(fn, contiguousView(source.shape), view.shape);
  backend.stridedCopy(source.storage, target.storage, stridedLayout(view.shape, 0, from.strides, view.offset, view.strides));
}

/** x with its axes reordered (PyTorch's permute), materialised. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  tensorArgument('permute', 'x', x);
  return materialize(x, permuteView('permute', contiguousView(x.shape), dims));
}

/** x with axes a and b swapped. */
export function transpose(x: Tensor, a: number, b: number): Tensor {
  tensorArgument('transpose', 'x', x);
  const rank = x.rank;
  const dims = [...Array(rank).keys()];
  const [i, j] = [normaliseAxis('transpose', a, rank), normaliseAxis('transpose', b, rank)];
  [dims[i], dims[j]] = [dims[j], dims[i]];
  return materialize(x, permuteView('transpose', contiguousView(x.shape), dims));
}

/** x reversed along axes. */
export function flip(x: Tensor, axes: readonly number[]): Tensor {
  tensorArgument('flip', 'x', x);
  const list = (Array.isArray(axes) ? axes : [axes]).map((a) => normaliseAxis('flip', a, x.rank));
  return materialize(x, flipView(contiguousView(x.shape), list));
}

/** Tensors of one shape but along axis, joined along axis (PyTorch's cat). */
export function cat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors as unknown) || tensors.length === 0) throw new ShapeError('cat: expected a non-empty array of tensors');
  const backend = tensorArguments('cat', Object.fromEntries(tensors.map((t, i) => [`tensors[${i}]`, t])));
  const first = tensors[0];
  const a = normaliseAxis('cat', axis, first.rank);
  for (const t of tensors)
    if (t.rank !== first.rank || t.shape.some((d, i) => i !== a && d !== first.shape[i]))
      throw new ShapeError(`cat: shapes ${tensors.map((u) => formatShape(u.shape)).join(', ')} differ outside axis ${a}`);
  const shape = [...first.shape];
  shape[a] = tensors.reduce((total, t) => total + t.shape[a], 0);
  const outStrides = contiguousStrides(shape);
  return launch(backend, shape, (out) => {
    let start = 0;
    for (const t of tensors) {
      if (t.size > 0)
        backend.stridedCopy(t.storage, out, stridedLayout(t.shape, 0, contiguousStrides(t.shape), start * outStrides[a], outStrides));
      start += t.shape[a];
    }
  });
}
