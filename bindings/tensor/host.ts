/** Host data in and out of tensors: numbers checked and packed as f32, nested arrays and their shapes. */
import { ShapeError, ValueError } from '../errors.js';
import { formatShape, shapeSize } from '../shape.js';
import { describe } from '../validate.js';

/**
 * Host values as f32. Typed arrays pass unchecked; any other array-like must hold only numbers (NaN and
 * ±Infinity included) or booleans (1 and 0, as torch.tensor does), since Float32Array.from would turn
 * anything else into NaN silently.
 */
export function hostValues(fn: string, values: ArrayLike<unknown>): Float32Array {
  if (values instanceof Float32Array) return values;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array)
    throw new ValueError(`${fn}: bigint data must be converted first (Array.from(values, Number))`);
  if (ArrayBuffer.isView(values)) return Float32Array.from(values as ArrayLike<number>);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else throw new ValueError(`${fn}: value ${i} is ${describe(v)}, not a number`);
  }
  return out;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** The shape of nested arrays (every level rectangular), or ShapeError naming where it is ragged. */
export function nestedShape(fn: string, data: unknown): number[] {
  const shape: number[] = [];
  for (let level = data; isArrayLike(level); level = (level as ArrayLike<unknown>)[0]) {
    shape.push(level.length);
    if (level.length === 0 || !Array.isArray(level)) break;
  }
  const check = (level: unknown, depth: number, at: readonly number[]): void => {
    const ragged = (what: string) =>
      new ShapeError(`${fn}: the nested arrays are ragged at [${at.join(', ')}]: ${what} (shape ${formatShape(shape)} from the first entries)`);
    if (depth === shape.length) {
      if (isArrayLike(level)) throw ragged('an array where a number was expected');
      return;
    }
    if (!isArrayLike(level)) throw ragged(`expected ${shape[depth]} entries, got ${describe(level)}`);
    if (level.length !== shape[depth]) throw ragged(`expected ${shape[depth]} entries, got ${level.length}`);
    if (!Array.isArray(level)) {
      if (depth !== shape.length - 1) throw ragged('a typed array above the last level');
      return;
    }
    for (let i = 0; i < level.length; i++) check(level[i], depth + 1, [...at, i]);
  };
  check(data, 0, []);
  return shape;
}

/** Nested arrays flattened row-major into f32. */
export function flattenNested(fn: string, data: unknown, shape: readonly number[]): Float32Array {
  const out = new Float32Array(shapeSize(shape));
  let at = 0;
  const walk = (level: unknown, depth: number) => {
    if (depth === shape.length - 1 || shape.length === 0) {
      const values = shape.length === 0 ? [level] : (level as ArrayLike<unknown>);
      out.set(hostValues(fn, values), at);
      at += values.length;
    } else for (let i = 0; i < shape[depth]; i++) walk((level as ArrayLike<unknown>)[i], depth + 1);
  };
  if (shapeSize(shape) > 0) walk(data, 0);
  return out;
}

/** Values as nested arrays of the shape (a number for rank 0), like PyTorch's tolist(). */
export function nest(data: Float32Array, shape: readonly number[]): unknown {
  if (shape.length === 0) return data[0];
  const [first, ...rest] = shape;
  const stride = shapeSize(rest);
  return Array.from({ length: first }, (_, i) => nest(data.subarray(i * stride, (i + 1) * stride), rest));
}
