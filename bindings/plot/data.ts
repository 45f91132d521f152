/** Numbers from what users plot: arrays, typed arrays, nested arrays and tensor-likes, as d2l accepts them. */
import { ShapeError, ValueError, WebgradError } from '../errors.js';

/** A tensor as plots read it: its shape and its values (a webgrad Tensor on cpu or wasm qualifies). */
export interface TensorLike {
  readonly shape: readonly number[];
  dataSync(): ArrayLike<number>;
}

/** An object with PyTorch's tolist(): nested arrays of numbers. */
export interface ListLike {
  tolist(): unknown;
}

/** Anything that holds numbers: one value, an array (nested or typed), a tensor-like. */
export type ArrayData = number | null | ArrayLike<number | null> | TensorLike | ListLike | readonly ArrayData[];

/** Values with a row-major shape. */
export interface NDArray {
  shape: number[];
  data: Float64Array;
}

function isTensorLike(value: object): value is TensorLike {
  return Array.isArray((value as TensorLike).shape) && typeof (value as TensorLike).dataSync === 'function';
}

function isListLike(value: object): value is ListLike {
  return typeof (value as ListLike).tolist === 'function';
}

/** Whether `value` is a JavaScript array of numbers (or nulls), i.e. one series rather than a list of them. */
export function isFlatArray(value: unknown): boolean {
  return ArrayBuffer.isView(value) || (Array.isArray(value) && value.every((v) => typeof v === 'number' || v === null));
}

/** Reads `value` as an n-dimensional array; null inside arrays reads as NaN (a gap). */
export function toNDArray(value: unknown, where: string): NDArray {
  if (typeof value === 'number') return { shape: [], data: Float64Array.of(value) };
  if (value === null || value === undefined || typeof value !== 'object')
    throw new ValueError(`${where}: expected numbers, an array or a tensor, got ${value === null ? 'null' : typeof value}`);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (typeof (value as unknown as ArrayLike<unknown>)[0] === 'bigint') throw new ValueError(`${where}: bigint arrays are not supported`);
    return { shape: [(value as unknown as ArrayLike<number>).length], data: Float64Array.from(value as unknown as ArrayLike<number>) };
  }
  if (isTensorLike(value)) {
    const shape = [...value.shape];
    const size = shape.reduce((a, b) => a * b, 1);
    let data: ArrayLike<number>;
    try {
      data = value.dataSync();
    } catch (error) {
      if (error instanceof WebgradError) error.message = `${where}: ${error.message}`;
      throw error;
    }
    if (data.length !== size) throw new ShapeError(`${where}: tensor of shape [${shape.join(', ')}] returned ${data.length} values`);
    return { shape, data: Float64Array.from(data) };
  }
  if (isListLike(value)) return toNDArray(value.tolist(), where);
  if (!Array.isArray(value)) throw new ValueError(`${where}: expected numbers, an array or a tensor, got an object`);
  if (isFlatArray(value)) return { shape: [value.length], data: Float64Array.from(value, (v) => (v === null ? NaN : v)) };
  const parts = value.map((v, i) => toNDArray(v, `${where}[${i}]`));
  const inner = parts[0].shape;
  parts.forEach((p, i) => {
    if (p.shape.length !== inner.length || p.shape.some((d, k) => d !== inner[k]))
      throw new ShapeError(`${where}: ragged nesting, [${where}[0]] has shape [${inner.join(', ')}] but [${i}] has [${p.shape.join(', ')}]`);
  });
  const data = new Float64Array(parts.length * parts[0].data.length);
  parts.forEach((p, i) => data.set(p.data, i * p.data.length));
  return { shape: [parts.length, ...inner], data };
}

/**
 * Series as d2l's plot() reads X or Y: one series (a flat array, typed array or 1-D tensor), a
 * 2-D tensor or nested array (one series per row), or a list of series (each may differ in length).
 */
export function toSeriesList(value: unknown, where: string): Float64Array[] {
  if (Array.isArray(value) && !isFlatArray(value))
    return value.map((v, i) => {
      const nd = toNDArray(v, `${where}[${i}]`);
      if (nd.shape.length > 1) throw new ShapeError(`${where}[${i}]: a series must be 1-D, got shape [${nd.shape.join(', ')}]`);
      return nd.data;
    });
  const nd = toNDArray(value, where);
  if (nd.shape.length <= 1) return [nd.data];
  if (nd.shape.length > 2) throw new ShapeError(`${where}: expected one series or rows of series, got shape [${nd.shape.join(', ')}]`);
  const [rows, cols] = nd.shape;
  return Array.from({ length: rows }, (_, r) => nd.data.subarray(r * cols, (r + 1) * cols));
}
