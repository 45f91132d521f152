/** Series: one named column of a DataFrame, or one value per column (a DataFrame's mean(), dtypes). */
import { ValueError } from '../../errors.js';
import { tensor, type Tensor, type TensorOptions } from '../../tensor.js';
import { describeValue, fillColumn, isMissing, toColumn, type Cell, type Column, type Dtype } from './column.js';
import { formatSeries } from './format.js';
import { checkDdof, meanOf, stdOf } from './stats.js';

/** How to make a Series: its name, its labels (one per value), and a dtype to force. */
export interface SeriesOptions {
  name?: string | null;
  /** One label per value, e.g. the column names for a DataFrame's per-column mean. */
  index?: readonly string[] | null;
  dtype?: Dtype;
}

/**
 * A one-dimensional column of numbers or strings, as pandas' Series. Positions are its index
 * unless it carries labels (`index`), as the per-column results of DataFrame.mean() do.
 */
export class Series {
  /** The column name, or null. */
  readonly name: string | null;
  /** Labels, one per value, or null when values are known by position only. */
  readonly index: readonly string[] | null;
  /** The storage: dtype and values, never changed once made. */
  readonly column: Column;

  /** A Series of `values`: numbers (NaN or null when missing), or strings (null when missing). */
  constructor(values: ArrayLike<Cell | boolean | undefined>, options: SeriesOptions = {}) {
    if (options === null || typeof options !== 'object')
      throw new ValueError(`Series: options must be an object, got ${describeValue(options)}`);
    const { name = null, index = null, dtype } = options;
    if (name !== null && typeof name !== 'string')
      throw new ValueError(`Series: name must be a string or null, got ${describeValue(name)}`);
    this.column = toColumn('Series', values, dtype);
    if (index !== null) {
      if (!Array.isArray(index) || index.length !== this.column.values.length || index.some((l) => typeof l !== 'string'))
        throw new ValueError(`Series: index must be ${this.column.values.length} strings, got ${describeValue(index)}`);
      if (new Set(index).size !== index.length) throw new ValueError(`Series: index labels must be unique`);
    }
    this.name = name;
    this.index = index === null ? null : [...index];
  }

  /** A Series over an existing column (another Series' `column`), without copying or checking it. */
  static fromColumn(column: Column, name: string | null, index: readonly string[] | null = null): Series {
    const series = Object.create(Series.prototype) as { -readonly [K in keyof Series]: Series[K] };
    series.column = column;
    series.name = name;
    series.index = index;
    return series as Series;
  }

  /** 'number' (NaN marks a missing value) or 'object' (strings; null marks a missing value). */
  get dtype(): Dtype {
    return this.column.dtype;
  }

  /** The values; read-only, shared with the frames this Series came from. */
  get values(): readonly number[] | readonly (string | null)[] {
    return this.column.values;
  }

  /** The number of values. */
  get length(): number {
    return this.column.values.length;
  }

  /** The value with this label (for a labelled Series such as df.mean()). */
  get(label: string): Cell {
    const at = this.index?.indexOf(label) ?? -1;
    if (at < 0) {
      const known = this.index === null ? 'it has no labels (use values[i])' : `labels are: ${this.index.join(', ')}`;
      throw new ValueError(`Series.get: no label '${String(label)}'; ${known}`);
    }
    return this.column.values[at];
  }

  /** The same values under another name. */
  rename(name: string | null): Series {
    if (name !== null && typeof name !== 'string')
      throw new ValueError(`Series.rename: name must be a string or null, got ${describeValue(name)}`);
    return Series.fromColumn(this.column, name, this.index);
  }

  /** Mean of the non-missing values (NaN when none). */
  mean(): number {
    return meanOf(this.numbers('Series.mean'));
  }

  /** Standard deviation of the non-missing values, dividing by n − ddof (pandas' default ddof = 1). */
  std(ddof = 1): number {
    return stdOf(this.numbers('Series.std'), checkDdof('Series.std', ddof));
  }

  /** Missing values replaced by `value`: a number for a 'number' Series; a string or a number (as text) for 'object'. */
  fillna(value: number | string): Series {
    return Series.fromColumn(fillColumn('Series.fillna', this.column, value, this.name), this.name, this.index);
  }

  /** Whether each value is missing, as 1 or 0. */
  isna(): Series {
    return Series.fromColumn({ dtype: 'number', values: this.column.values.map((v) => (isMissing(v) ? 1 : 0)) }, this.name, this.index);
  }

  /** A Series of fn(value, position) for every value; its dtype follows what fn returns. */
  map(fn: (value: Cell, position: number) => Cell | boolean | undefined): Series {
    if (typeof fn !== 'function') throw new ValueError(`Series.map: fn must be a function, got ${describeValue(fn)}`);
    const values = this.column.values as readonly Cell[];
    return Series.fromColumn(toColumn('Series.map', values.map((v, i) => fn(v, i))), this.name, this.index);
  }

  /** The values as f32 (NaN stays NaN); an 'object' Series cannot be converted. */
  toArray(): Float32Array {
    return Float32Array.from(this.numbers('Series.toArray'));
  }

  /** A 1-D tensor of the values; reshape([-1, 1]) makes it a column. */
  toTensor(options: TensorOptions = {}): Tensor {
    return tensor(this.toArray(), [this.length], options);
  }

  /** The values as a readable table, like pandas' repr. */
  toString(): string {
    return formatSeries(this.name, this.column, this.index);
  }

  private numbers(where: string): readonly number[] {
    if (this.column.dtype !== 'number')
      throw new ValueError(`${where}: the Series${this.name === null ? '' : ` '${this.name}'`} holds strings (dtype 'object'), not numbers`);
    return this.column.values;
  }
}
