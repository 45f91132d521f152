/**
 * Python's basic indexing on a shape: integers (negative count from the end), slices start:stop:step
 * (any part left out, negative steps too), '...' for the axes not named, and null / 'None' for a new
 * axis. A spec is a string ('1:3, -1', '::2, ...'), a number, or an array of numbers, slice strings
 * and nulls. The result is a strided view (bindings/kernels/view.ts).
 */
import { IndexError, ValueError } from '../errors.js';
import { checkShape, formatShape } from '../shape.js';
import { describe } from '../validate.js';
import { contiguousView, selectView, sliceView, unsqueezeView, type View } from './view.js';

export type IndexItem = number | string | null;
export type IndexSpec = string | number | readonly IndexItem[];

type Token =
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'ellipsis' }
  | { kind: 'newaxis' };

const INTEGER = /^[+-]?\d+$/;

function integerPart(fn: string, text: string, item: string): number | null {
  if (text.trim() === '') return null;
  if (!INTEGER.test(text.trim())) throw new ValueError(`${fn}: '${item}' is not a slice of integers`);
  return Number(text);
}

function token(fn: string, item: IndexItem): Token {
  if (item === null) return { kind: 'newaxis' };
  if (typeof item === 'number') {
    if (!Number.isInteger(item)) throw new ValueError(`${fn}: an index must be an integer, got ${item}`);
    return { kind: 'index', index: item };
  }
  if (typeof item !== 'string') throw new ValueError(`${fn}: an index must be a number, a slice string or null, got ${describe(item)}`);
  const text = item.trim();
  if (text === '...') return { kind: 'ellipsis' };
  if (text === 'None') return { kind: 'newaxis' };
  if (INTEGER.test(text)) return { kind: 'index', index: Number(text) };
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) throw new ValueError(`${fn}: '${item}' is not an index, a slice, '...' or None`);
  const [start, stop, step] = parts.map((p) => integerPart(fn, p, item));
  if (step === 0) throw new ValueError(`${fn}: slice step cannot be zero in '${item}'`);
  return { kind: 'slice', start, stop, step: step ?? null };
}

/** The spec's items: a string is split at commas. */
function tokens(fn: string, spec: IndexSpec): Token[] {
  if (typeof spec === 'string') return spec.split(',').map((item) => token(fn, item));
  if (typeof spec === 'number') return [token(fn, spec)];
  if (!Array.isArray(spec)) throw new ValueError(`${fn}: an index must be a string, a number or an array, got ${describe(spec)}`);
  return spec.flatMap((item) => (typeof item === 'string' ? item.split(',').map((part) => token(fn, part)) : [token(fn, item)]));
}

/** Python's slice bounds against an axis of n (PySlice_AdjustIndices). */
function bounds(start: number | null, stop: number | null, step: number, n: number): [number, number] {
  const adjust = (v: number | null, fallback: number) => {
    if (v === null) return fallback;
    if (v < 0) v += n;
    if (v < 0) return step < 0 ? -1 : 0;
    if (v >= n) return step < 0 ? n - 1 : n;
    return v;
  };
  return step > 0 ? [adjust(start, 0), adjust(stop, n)] : [adjust(start, n - 1), adjust(stop, -1)];
}

/** The view of a tensor of `shape` that the spec selects. */
export function indexView(fn: string, shape: readonly number[], spec: IndexSpec): View {
  checkShape(shape, fn);
  const list = tokens(fn, spec);
  const ellipses = list.filter((t) => t.kind === 'ellipsis').length;
  if (ellipses > 1) throw new IndexError(`${fn}: an index can only have a single ellipsis ('...')`);
  const named = list.filter((t) => t.kind === 'index' || t.kind === 'slice').length;
  if (named > shape.length)
    throw new IndexError(`${fn}: too many indices for a tensor of shape ${formatShape(shape)}: ${named} were given`);
  // axis counts the view's axes, source the tensor's (for messages).
  let view = contiguousView(shape), axis = 0, source = 0;
  for (const t of list) {
    if (t.kind === 'ellipsis') {
      axis += shape.length - named;
      source += shape.length - named;
    } else if (t.kind === 'newaxis') view = unsqueezeView(view, axis++);
    else if (t.kind === 'index') {
      const n = view.shape[axis];
      if (t.index < -n || t.index >= n)
        throw new IndexError(`${fn}: index ${t.index} is out of bounds for axis ${source} of size ${n} (shape ${formatShape(shape)})`);
      view = selectView(view, axis, t.index < 0 ? t.index + n : t.index);
      source++;
    } else {
      const step = t.step ?? 1;
      const [start, stop] = bounds(t.start, t.stop, step, view.shape[axis]);
      view = sliceView(view, axis++, start, stop, step);
      source++;
    }
  }
  return view;
}
