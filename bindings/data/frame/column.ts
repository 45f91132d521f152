/** One column's values and kind; the storage under Series and DataFrame. */
import { ValueError } from '../../errors.js';

/**
 * A column's kind: 'number' stands for pandas' int64 and float64 (a missing number is NaN, as in
 * float64); 'object' is a column of strings (a missing string is null).
 */
export type Dtype = 'number' | 'object';

/** One entry of a column: a number (NaN when missing), a string, or null (missing). */
export type Cell = number | string | null;

/** A column: its values never change once made, so frames and series share them freely. */
export type Column =
  | { readonly dtype: 'number'; readonly values: readonly number[] }
  | { readonly dtype: 'object'; readonly values: readonly (string | null)[] };

/** Whether a cell is missing (null, undefined or NaN), as pandas' isna. */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

/** A value as an error message shows it. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string '${value}'`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `${String(value)} (${typeof value})`;
}

/**
 * A column from user values. Numbers (and booleans, as 1/0) make a 'number' column; any string
 * makes an 'object' column, in which numbers are kept as their decimal text. `dtype` forces a kind.
 */
export function toColumn(where: string, values: ArrayLike<unknown>, dtype?: Dtype): Column {
  if (!values || typeof values !== 'object' || typeof values.length !== 'number')
    throw new ValueError(`${where}: values must be an array, got ${describeValue(values)}`);
  if (dtype !== undefined && dtype !== 'number' && dtype !== 'object')
    throw new ValueError(`${where}: dtype must be 'number' or 'object', got ${describeValue(dtype)}`);
  let hasString = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string') hasString = true;
    else if (!isMissing(v) && typeof v !== 'number' && typeof v !== 'boolean')
      throw new ValueError(`${where}: value ${i} is ${describeValue(v)}; a cell is a number, a string, a boolean or null`);
  }
  const kind = dtype ?? (hasString ? 'object' : 'number');
  if (kind === 'object') {
    return { dtype: 'object', values: Array.from(values, (v) => (isMissing(v) ? null : String(v))) };
  }
  return {
    dtype: 'number',
    values: Array.from(values, (v, i) => {
      if (isMissing(v)) return NaN;
      if (typeof v === 'string')
        throw new ValueError(`${where}: value ${i} is ${describeValue(v)}, not a number, in a 'number' column`);
      return Number(v);
    }),
  };
}

/** The rows at `positions` (already checked to be in range). */
export function takeRows(column: Column, positions: readonly number[]): Column {
  return column.dtype === 'number'
    ? { dtype: 'number', values: positions.map((p) => column.values[p]) }
    : { dtype: 'object', values: positions.map((p) => column.values[p]) };
}

/** A column of `length` missing entries. */
export function missingColumn(dtype: Dtype, length: number): Column {
  return dtype === 'number'
    ? { dtype: 'number', values: new Array<number>(length).fill(NaN) }
    : { dtype: 'object', values: new Array<string | null>(length).fill(null) };
}

/** The column as strings (NaN becomes null), for joining it with an object column. */
export function asObject(column: Column): Column {
  return column.dtype === 'object' ? column : { dtype: 'object', values: column.values.map((v) => (Number.isNaN(v) ? null : String(v))) };
}

/**
 * Missing entries replaced by `value`; NaN leaves them missing (as pandas does). A 'number' column
 * takes only numbers; an 'object' column takes strings, and numbers as their text.
 */
export function fillColumn(where: string, column: Column, value: number | string, name: string | null): Column {
  if (typeof value !== 'number' && typeof value !== 'string')
    throw new ValueError(`${where}: a fill value must be a number or a string, got ${describeValue(value)}`);
  if (column.dtype === 'number') {
    if (typeof value === 'string') {
      if (!column.values.some(Number.isNaN)) return column;
      throw new ValueError(`${where}: column${name === null ? '' : ` '${name}'`} holds numbers; cannot fill it with ${describeValue(value)}`);
    }
    return { dtype: 'number', values: column.values.map((v) => (Number.isNaN(v) ? value : v)) };
  }
  if (Number.isNaN(value)) return column;
  const text = String(value);
  return { dtype: 'object', values: column.values.map((v) => v ?? text) };
}
