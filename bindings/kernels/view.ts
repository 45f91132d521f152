/**
 * Strided views of a contiguous tensor: what permuting, slicing, selecting, flipping and expanding
 * describe before the strided-copy primitive materialises them (or writes into them).
 */
import { ShapeError } from '../errors.js';
import { describe } from '../validate.js';
import { checkShape, contiguousStrides, formatShape, normaliseAxis, shapeSize } from '../shape.js';

export interface View {
  readonly shape: readonly number[];
  /** Element offset of index (0, …, 0). */
  readonly offset: number;
  /** Element strides; 0 along an expanded axis, negative along a flipped one. */
  readonly strides: readonly number[];
}

/**
 * Throws unless view is a View whose every element lies in [0, length): a view handed to a kernel that
 * reads or writes storage of `length` elements (materialize, writeView) can then not reach past it.
 */
export function checkViewWithin(fn: string, view: unknown, length: number): asserts view is View {
  const v = view as Partial<View> | null;
  if (!v || typeof v !== 'object' || !Array.isArray(v.shape) || !Array.isArray(v.strides) || v.strides.length !== v.shape.length ||
      !Number.isSafeInteger(v.offset) || !v.strides.every((s) => Number.isSafeInteger(s)))
    throw new ShapeError(`${fn}: expected a view { shape, offset, strides } of integers, got ${describe(view)}`);
  checkShape(v.shape, fn);
  if (shapeSize(v.shape) === 0) return;
  let low = v.offset!, high = v.offset!;
  v.shape.forEach((n, d) => {
    const reach = (n - 1) * v.strides![d];
    if (reach < 0) low += reach;
    else high += reach;
  });
  if (low < 0 || high >= length)
    throw new ShapeError(`${fn}: the view reaches elements ${low} to ${high}, outside the ${length} elements of its tensor`);
}

export function contiguousView(shape: readonly number[]): View {
  checkShape(shape, 'contiguousView');
  return { shape, offset: 0, strides: contiguousStrides(shape) };
}

/** The axes reordered: axis i of the result is axis dims[i] of the view. */
export function permuteView(fn: string, view: View, dims: readonly number[]): View {
  const rank = view.shape.length;
  if (!Array.isArray(dims) || dims.length !== rank)
    throw new ShapeError(`${fn}: dims must list all ${rank} axes of ${formatShape(view.shape)}, got ${Array.isArray(dims) ? formatShape(dims) : describe(dims)}`);
  const axes = dims.map((d) => normaliseAxis(fn, d, rank));
  if (new Set(axes).size !== rank) throw new ShapeError(`${fn}: dims ${formatShape(dims)} repeat an axis`);
  return { shape: axes.map((a) => view.shape[a]), offset: view.offset, strides: axes.map((a) => view.strides[a]) };
}

/** Elements start, start + step, … (below stop) along axis; start and stop already clamped to [0, size]. */
export function sliceView(view: View, axis: number, start: number, stop: number, step: number): View {
  const length = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  const shape = [...view.shape], strides = [...view.strides];
  shape[axis] = length;
  strides[axis] = view.strides[axis] * step;
  return { shape, offset: length > 0 ? view.offset + start * view.strides[axis] : view.offset, strides };
}

/** Element index along axis, the axis removed. */
export function selectView(view: View, axis: number, index: number): View {
  return {
    shape: view.shape.filter((_, d) => d !== axis),
    offset: view.offset + index * view.strides[axis],
    strides: view.strides.filter((_, d) => d !== axis),
  };
}

/** A new axis of size 1 at position axis. */
export function unsqueezeView(view: View, axis: number): View {
  const shape = [...view.shape], strides = [...view.strides];
  shape.splice(axis, 0, 1);
  strides.splice(axis, 0, 0);
  return { shape, offset: view.offset, strides };
}

/** The view broadcast to shape (PyTorch's expand): new leading axes and size-1 axes get stride 0. */
export function expandView(fn: string, view: View, shape: readonly number[]): View {
  const lead = shape.length - view.shape.length;
  const fits = lead >= 0 && view.shape.every((d, i) => d === 1 || d === shape[lead + i]);
  if (!fits) throw new ShapeError(`${fn}: ${formatShape(view.shape)} cannot be expanded to ${formatShape(shape)}`);
  const strides = shape.map((n, d) => (d < lead || view.shape[d - lead] !== n || n === 1 ? 0 : view.strides[d - lead]));
  return { shape, offset: view.offset, strides };
}

/** The view reversed along each of axes. */
export function flipView(view: View, axes: readonly number[]): View {
  let offset = view.offset;
  const strides = [...view.strides];
  for (const axis of axes) {
    if (view.shape[axis] > 0) offset += (view.shape[axis] - 1) * view.strides[axis];
    strides[axis] = -view.strides[axis];
  }
  return { shape: view.shape, offset, strides };
}
