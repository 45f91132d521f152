/** Positional selection as Python writes it: an index, a slice string ('1:-1', '::2', ':'), a list, a mask. */
import { ValueError } from '../../errors.js';
import { describeValue } from './column.js';

/**
 * Which rows or columns to take: an integer (negative counts from the end), a Python slice string
 * ('start:stop' or 'start:stop:step', each part optional), an array of integers, or an array of
 * booleans as long as the axis.
 */
export type Positions = number | string | readonly number[] | readonly boolean[];

/** The positions `spec` names along an axis of `length`; `single` when spec was one integer. */
export function resolvePositions(where: string, spec: Positions, length: number): { positions: number[]; single: boolean } {
  if (typeof spec === 'number') return { positions: [checkIndex(where, spec, length)], single: true };
  if (typeof spec === 'string') return { positions: sliceRange(where, spec, length), single: false };
  if (Array.isArray(spec)) {
    if (spec.length > 0 && spec.every((v) => typeof v === 'boolean')) {
      if (spec.length !== length)
        throw new ValueError(`${where}: a boolean mask must have ${length} entries, got ${spec.length}`);
      return { positions: spec.flatMap((keep, i) => (keep ? [i] : [])), single: false };
    }
    return { positions: spec.map((v) => checkIndex(where, v, length)), single: false };
  }
  throw new ValueError(`${where}: expected an integer, a slice string such as '1:-1', or an array of integers, got ${describeValue(spec)}`);
}

function checkIndex(where: string, index: unknown, length: number): number {
  if (typeof index !== 'number' || !Number.isInteger(index))
    throw new ValueError(`${where}: a position must be an integer, got ${describeValue(index)}`);
  if (index < -length || index >= length)
    throw new ValueError(`${where}: position ${index} is out of bounds for length ${length}`);
  return index < 0 ? index + length : index;
}

const SLICE = /^\s*([+-]?\d+)?\s*:\s*([+-]?\d+)?\s*(?::\s*([+-]?\d+)?\s*)?$/;

/** Python's slice(start, stop, step).indices(length), expanded. */
function sliceRange(where: string, text: string, length: number): number[] {
  const match = SLICE.exec(text);
  if (!match)
    throw new ValueError(`${where}: '${text}' is not a slice; write 'start:stop' or 'start:stop:step' (parts optional), or pass an integer`);
  const [start, stop, step] = [match[1], match[2], match[3]].map((part) => (part === undefined ? undefined : Number(part)));
  const stride = step ?? 1;
  if (stride === 0) throw new ValueError(`${where}: slice '${text}' has step 0`);
  const [lower, upper] = stride > 0 ? [0, length] : [-1, length - 1];
  const bound = (value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    return value < 0 ? Math.max(value + length, lower) : Math.min(value, upper);
  };
  const first = bound(start, stride > 0 ? lower : upper);
  const end = bound(stop, stride > 0 ? upper : lower);
  const positions: number[] = [];
  for (let p = first; stride > 0 ? p < end : p > end; p += stride) positions.push(p);
  return positions;
}
