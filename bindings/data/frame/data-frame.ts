/** DataFrame: named columns of equal length, with the pandas operations d2l's data chapters use. */
import { ShapeError, ValueError } from '../../errors.js';
import { tensor, type Tensor, type TensorOptions } from '../../tensor.js';
import { describeValue, fillColumn, takeRows, toColumn, type Cell } from './column.js';
import { fillValueFor, type FillValue } from './fill.js';
import { formatFrame } from './format.js';
import { resolvePositions, type Positions } from './positions.js';
import { Series } from './series.js';
import { checkDdof, meanOf, stdOf } from './stats.js';
import { writeCsv, type WriteCsvOptions } from './write-csv.js';

/** One column's values as given by a user: an array (numbers, strings, booleans, null) or a Series. */
export type ColumnValues = ArrayLike<Cell | boolean | undefined> | Series;

/** Columns by name: an object, a Map, or [name, values] pairs (which keep names such as '1' in order). */
export type ColumnsInput =
  | Readonly<Record<string, ColumnValues>>
  | ReadonlyMap<string, ColumnValues>
  | readonly (readonly [string, ColumnValues])[];

/**
 * A table of named columns, each a 'number' or an 'object' (string) column, as pandas' DataFrame.
 * Rows are known by position (0 … n−1) only; there are no index labels. Operations return new frames
 * and share unchanged columns; only set() changes a frame in place, as pandas' `df[name] = …` does.
 */
export class DataFrame {
  private readonly series = new Map<string, Series>();
  private rows: number;

  /** A frame from columns by name, e.g. new DataFrame({ Id: [1, 2], SalePrice: [208500, 181500] }). */
  constructor(columns: ColumnsInput = {}) {
    const entries = columnEntries('DataFrame', columns);
    this.rows = 0;
    entries.forEach(([name, values], i) => {
      if (typeof name !== 'string') throw new ValueError(`DataFrame: column names must be strings, got ${describeValue(name)}`);
      if (this.series.has(name)) throw new ValueError(`DataFrame: column '${name}' is given twice`);
      const series = asSeries(`DataFrame: column '${name}'`, values, name);
      if (i > 0 && series.length !== this.rows)
        throw new ShapeError(`DataFrame: column '${name}' has ${series.length} values, column '${entries[0][0]}' has ${this.rows}`);
      this.rows = series.length;
      this.series.set(name, series);
    });
  }

  /** The same as `new DataFrame(columns)`, as pandas' DataFrame.from_dict. */
  static fromColumns(columns: ColumnsInput): DataFrame {
    return new DataFrame(columns);
  }

  /** A frame of these named series (each `rows` long); with no series it still has `rows` rows. */
  static fromSeries(series: readonly Series[], rows = series[0]?.length ?? 0): DataFrame {
    if (!Array.isArray(series) || series.some((s) => !(s instanceof Series)))
      throw new ValueError(`DataFrame.fromSeries: series must be an array of Series, got ${describeValue(series)}`);
    if (!Number.isInteger(rows) || rows < 0)
      throw new ValueError(`DataFrame.fromSeries: rows must be a non-negative integer, got ${describeValue(rows)}`);
    series.forEach((s, i) => {
      if (s.name === null) throw new ValueError(`DataFrame.fromSeries: series[${i}] has no name; rename it first`);
      if (s.length !== rows) throw new ShapeError(`DataFrame.fromSeries: series[${i}] ('${s.name}') has ${s.length} values, not ${rows}`);
    });
    const frame = new DataFrame(series.map((s) => [s.name!, s] as const));
    frame.rows = rows;
    return frame;
  }

  /** The column names, in order. */
  get columns(): readonly string[] {
    return [...this.series.keys()];
  }

  /** [rows, columns]. */
  get shape(): [number, number] {
    return [this.rows, this.series.size];
  }

  /** Each column's dtype, 'number' or 'object', labelled by column name. */
  get dtypes(): Series {
    return new Series([...this.series.values()].map((s) => s.dtype), { index: this.columns });
  }

  /** The column `name`. */
  get(name: string): Series {
    const series = this.series.get(name);
    if (series === undefined) throw new ValueError(`DataFrame.get: ${unknownColumn(name, this.columns)}`);
    return series;
  }

  /** The named columns, in the order given (pandas' df[[...]]). */
  select(names: readonly string[]): DataFrame {
    const list = nameList('DataFrame.select', names, this.columns);
    return DataFrame.fromSeries(list.map((n) => this.series.get(n)!), this.rows);
  }

  /** All columns but the named ones (pandas' df.drop(columns=...)). */
  drop(names: string | readonly string[]): DataFrame {
    const list = nameList('DataFrame.drop', typeof names === 'string' ? [names] : names, this.columns);
    return DataFrame.fromSeries(this.columns.filter((n) => !list.includes(n)).map((n) => this.series.get(n)!), this.rows);
  }

  /**
   * Sets column `name` in place (pandas' df[name] = values): a Series or an array with one value per
   * row, or one number or string for every row. A new name is appended; an existing one keeps its place.
   */
  set(name: string, values: ColumnValues | number | string): this {
    return this.put('DataFrame.set', name, values);
  }

  /**
   * A new frame with these columns replaced or appended, as pandas' assign; with a frame, as
   * pandas' `df[columns] = other[columns]` on a copy: assign(df.select(cols).fillna(0)).
   */
  assign(columns: DataFrame | ColumnsInput): DataFrame {
    const entries = columns instanceof DataFrame
      ? columns.columns.map((n) => [n, columns.get(n)] as const)
      : columnEntries('DataFrame.assign', columns);
    const frame = DataFrame.fromSeries([...this.series.values()], this.rows);
    for (const [name, values] of entries) frame.put('DataFrame.assign', name, values);
    return frame;
  }

  /** Column names whose dtype is 'number', in order. */
  numericColumns(): string[] {
    return this.columns.filter((n) => this.series.get(n)!.dtype === 'number');
  }

  /**
   * Selection by position, as pandas' df.iloc[rows, columns]: each an integer, a slice string such as
   * ':', '0:2', '1:-1' or '::2', an array of positions, or a boolean mask. Two integers give one
   * value; an integer column gives a Series; an integer row gives a one-row frame.
   */
  iloc(rows: number, columns: number): Cell;
  iloc(rows: Positions, columns: number): Series;
  iloc(rows: Positions, columns?: Exclude<Positions, number>): DataFrame;
  iloc(rows: Positions, columns: Positions = ':'): DataFrame | Series | Cell {
    const r = resolvePositions('DataFrame.iloc (rows)', rows, this.rows);
    const c = resolvePositions('DataFrame.iloc (columns)', columns, this.series.size);
    if (new Set(c.positions).size !== c.positions.length)
      throw new ValueError(`DataFrame.iloc (columns): a column is chosen twice; column names must stay unique`);
    const names = this.columns;
    const chosen = c.positions.map((p) => this.series.get(names[p])!);
    const taken = chosen.map((s) => Series.fromColumn(takeRows(s.column, r.positions), s.name));
    if (c.single) return r.single ? taken[0].values[0] : taken[0];
    return DataFrame.fromSeries(taken, r.positions.length);
  }

  /** Rows start … end−1, with negative positions counted from the end (as Array.prototype.slice). */
  slice(start = 0, end = this.rows): DataFrame {
    for (const [what, v] of [['start', start], ['end', end]] as const)
      if (!Number.isInteger(v)) throw new ValueError(`DataFrame.slice: ${what} must be an integer, got ${describeValue(v)}`);
    return this.takeRows(Array.from({ length: this.rows }, (_, i) => i).slice(start, end));
  }

  /** The first n rows (all but the last −n when n is negative). */
  head(n = 5): DataFrame {
    if (!Number.isInteger(n)) throw new ValueError(`DataFrame.head: n must be an integer, got ${describeValue(n)}`);
    return this.slice(0, n < 0 ? Math.max(this.rows + n, 0) : Math.min(n, this.rows));
  }

  /** The last n rows (all but the first −n when n is negative). */
  tail(n = 5): DataFrame {
    if (!Number.isInteger(n)) throw new ValueError(`DataFrame.tail: n must be an integer, got ${describeValue(n)}`);
    return this.slice(n < 0 ? Math.min(-n, this.rows) : Math.max(this.rows - n, 0));
  }

  /** Mean of each 'number' column, missing values skipped; 'object' columns are left out. */
  mean(): Series {
    const names = this.numericColumns();
    return new Series(names.map((n) => meanOf(this.series.get(n)!.values as number[])), { index: names });
  }

  /** Standard deviation of each 'number' column (n − ddof in the denominator; pandas' ddof = 1). */
  std(ddof = 1): Series {
    checkDdof('DataFrame.std', ddof);
    const names = this.numericColumns();
    return new Series(names.map((n) => stdOf(this.series.get(n)!.values as number[], ddof)), { index: names });
  }

  /**
   * Missing values filled: with one number or string for every column, with a value per column
   * ({ LotFrontage: 0 }, a Map) or with a labelled Series such as df.mean(). A string cannot fill a
   * 'number' column that has missing values; a number fills an 'object' column as its text.
   */
  fillna(value: FillValue): DataFrame {
    const valueOf = fillValueFor('DataFrame.fillna', value, this.columns);
    return this.mapColumns((s) => {
      const v = valueOf(s.name!);
      return v === undefined ? s : Series.fromColumn(fillColumn('DataFrame.fillna', s.column, v, s.name), s.name);
    });
  }

  /**
   * fn applied to each column, as pandas' df.apply: a Series or an array from fn makes a column of
   * the new frame; a number from fn makes one value of a Series labelled by column name.
   */
  apply(fn: (column: Series, name: string) => number): Series;
  apply(fn: (column: Series, name: string) => ColumnValues): DataFrame;
  apply(fn: (column: Series, name: string) => ColumnValues | number): DataFrame | Series;
  apply(fn: (column: Series, name: string) => ColumnValues | number): DataFrame | Series {
    if (typeof fn !== 'function') throw new ValueError(`DataFrame.apply: fn must be a function, got ${describeValue(fn)}`);
    const results = this.columns.map((n) => [n, fn(this.series.get(n)!, n)] as const);
    const scalars = results.filter(([, r]) => typeof r === 'number').length;
    if (scalars === results.length && scalars > 0)
      return new Series(results.map(([, r]) => r as number), { index: this.columns });
    if (scalars > 0) throw new ValueError(`DataFrame.apply: fn returned numbers for some columns and columns for others`);
    const frame = new DataFrame(results.map(([n, r]) => [n, asSeries(`DataFrame.apply: the result for '${n}'`, r as ColumnValues, n)] as const));
    if (results.length > 0 && frame.rows !== this.rows)
      throw new ShapeError(`DataFrame.apply: fn returned ${frame.rows} values per column; the frame has ${this.rows} rows`);
    return frame;
  }

  /**
   * (x − mean) / std for each named column (all 'number' columns by default), missing values kept,
   * as d2l's `apply(lambda x: (x - x.mean()) / (x.std()))`. A constant column becomes NaN.
   */
  standardize(columns: readonly string[] = this.numericColumns()): DataFrame {
    const list = nameList('DataFrame.standardize', columns, this.columns);
    for (const n of list)
      if (this.series.get(n)!.dtype !== 'number')
        throw new ValueError(`DataFrame.standardize: column '${n}' holds strings (dtype 'object'), not numbers`);
    return this.mapColumns((s) => {
      if (!list.includes(s.name!)) return s;
      const mean = s.mean();
      const std = s.std();
      return s.map((v) => ((v as number) - mean) / std);
    });
  }

  /** The values row-major as f32 (NaN where missing); every column must be a 'number' column. */
  toArray(): Float32Array {
    const columns = [...this.series.values()];
    const strings = columns.filter((s) => s.dtype !== 'number').map((s) => `'${s.name}'`);
    if (strings.length > 0) {
      const which = strings.length > 1 ? `columns ${strings.join(', ')} hold` : `column ${strings[0]} holds`;
      throw new ValueError(`DataFrame.toArray: ${which} strings (dtype 'object'); encode them with getDummies or drop them first`);
    }
    const out = new Float32Array(this.rows * columns.length);
    columns.forEach((s, c) => (s.values as number[]).forEach((v, r) => (out[r * columns.length + c] = v)));
    return out;
  }

  /** A [rows, columns] tensor of the values (see toArray), on `options.backend`. */
  toTensor(options: TensorOptions = {}): Tensor {
    return tensor(this.toArray(), this.shape, options);
  }

  /** CSV text of the frame, as writeCsv(df). */
  toCsv(options?: WriteCsvOptions): string {
    return writeCsv(this, options);
  }

  /** A readable table, like pandas' repr (first and last 5 rows of a long frame). */
  toString(): string {
    return formatFrame(this.columns, [...this.series.values()].map((s) => s.column), this.rows);
  }

  private put(where: string, name: string, values: ColumnValues | number | string): this {
    if (typeof name !== 'string') throw new ValueError(`${where}: a column name must be a string, got ${describeValue(name)}`);
    const given = typeof values === 'number' || typeof values === 'string' ? new Array(this.rows).fill(values) : values;
    const series = asSeries(`${where}: '${name}'`, given, name);
    if ((this.series.size > 0 || this.rows > 0) && series.length !== this.rows)
      throw new ShapeError(`${where}: '${name}' has ${series.length} values; the frame has ${this.rows} rows`);
    this.rows = series.length;
    this.series.set(name, series);
    return this;
  }

  private takeRows(positions: readonly number[]): DataFrame {
    return DataFrame.fromSeries([...this.series.values()].map((s) => Series.fromColumn(takeRows(s.column, positions), s.name)), positions.length);
  }

  private mapColumns(fn: (series: Series) => Series): DataFrame {
    return DataFrame.fromSeries([...this.series.values()].map(fn), this.rows);
  }
}

function columnEntries(where: string, columns: ColumnsInput): (readonly [string, ColumnValues])[] {
  if (Array.isArray(columns)) {
    if (!columns.every((e) => Array.isArray(e) && e.length === 2))
      throw new ValueError(`${where}: columns as an array must be [name, values] pairs`);
    return columns as (readonly [string, ColumnValues])[];
  }
  if (columns instanceof Map) return [...columns.entries()];
  if (columns === null || typeof columns !== 'object' || columns instanceof Series || ArrayBuffer.isView(columns))
    throw new ValueError(`${where}: columns must be an object, a Map or [name, values] pairs, got ${describeValue(columns)}`);
  return Object.entries(columns as Record<string, ColumnValues>);
}

function asSeries(where: string, values: ColumnValues, name: string): Series {
  if (values instanceof Series) return values.name === name && values.index === null ? values : Series.fromColumn(values.column, name);
  return Series.fromColumn(toColumn(where, values), name);
}

/** A message for an unknown column that lists the known ones. */
export function unknownColumn(name: unknown, columns: readonly string[]): string {
  return `no column ${typeof name === 'string' ? `'${name}'` : describeValue(name)}; columns are: ${columns.join(', ') || '(none)'}`;
}

/** `names` checked to be an array of distinct known column names. */
export function nameList(where: string, names: readonly string[], columns: readonly string[]): string[] {
  if (!Array.isArray(names)) throw new ValueError(`${where}: expected an array of column names, got ${describeValue(names)}`);
  for (const n of names) if (!columns.includes(n)) throw new ValueError(`${where}: ${unknownColumn(n, columns)}`);
  if (new Set(names).size !== names.length) throw new ValueError(`${where}: a column is named twice in [${names.join(', ')}]`);
  return [...names];
}
