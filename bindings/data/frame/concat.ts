/** concat: frames stacked (axis 0) or side by side (axis 1), as pandas' concat. */
import { ShapeError, ValueError } from '../../errors.js';
import { asObject, describeValue, missingColumn, type Column } from './column.js';
import { DataFrame } from './data-frame.js';
import { Series } from './series.js';

/** How concat joins. */
export interface ConcatOptions {
  /** 0 (default): rows after rows, columns matched by name; 1: columns beside columns. */
  axis?: 0 | 1;
}

/**
 * Joins frames (or series) as pandas' concat with join='outer'. Axis 0 stacks rows: the result's
 * columns are every column in order of first appearance, missing where a frame lacks one; a column
 * that is 'number' in one frame and 'object' in another becomes 'object' (numbers as text). Rows
 * are renumbered (pandas keeps each frame's index labels; frames here have positions only). Series
 * alone along axis 0 give one longer Series. Axis 1 sets columns side by side; every part must have
 * the same number of rows (pandas would align by index labels) and the names must differ.
 */
export function concat(parts: readonly Series[], options?: { axis?: 0 }): Series;
export function concat(parts: readonly (DataFrame | Series)[], options: { axis: 1 }): DataFrame;
export function concat(parts: readonly DataFrame[], options?: ConcatOptions): DataFrame;
export function concat(parts: readonly (DataFrame | Series)[], options?: ConcatOptions): DataFrame | Series;
export function concat(parts: readonly (DataFrame | Series)[], options: ConcatOptions = {}): DataFrame | Series {
  if (!Array.isArray(parts) || parts.length === 0)
    throw new ValueError(`concat: parts must be a non-empty array of DataFrames or Series, got ${describeValue(parts)}`);
  parts.forEach((p, i) => {
    if (!(p instanceof DataFrame) && !(p instanceof Series))
      throw new ValueError(`concat: parts[${i}] is ${describeValue(p)}, not a DataFrame or a Series`);
  });
  if (options === null || typeof options !== 'object') throw new ValueError(`concat: options must be an object, got ${describeValue(options)}`);
  const { axis = 0 } = options;
  if (axis !== 0 && axis !== 1) throw new ValueError(`concat: options.axis must be 0 or 1, got ${describeValue(axis)}`);
  if (axis === 1) return sideBySide(parts);
  if (parts.every((p) => p instanceof Series)) {
    const series = parts as readonly Series[];
    const name = series.every((s) => s.name === series[0].name) ? series[0].name : null;
    return Series.fromColumn(stack(series.map((s) => s.column)), name);
  }
  if (parts.some((p) => p instanceof Series))
    throw new ValueError(`concat: along axis 0, pass only DataFrames or only Series; make a Series a frame with new DataFrame({ [name]: series })`);
  return stackFrames(parts as readonly DataFrame[]);
}

function stackFrames(frames: readonly DataFrame[]): DataFrame {
  const names = [...new Set(frames.flatMap((f) => f.columns))];
  const rows = frames.reduce((sum, f) => sum + f.shape[0], 0);
  const columns = names.map((name) => {
    const present = frames.filter((f) => f.columns.includes(name)).map((f) => f.get(name).dtype);
    const dtype = present.every((d) => d === 'number') ? 'number' : 'object';
    const pieces = frames.map((f) => (f.columns.includes(name) ? f.get(name).column : missingColumn(dtype, f.shape[0])));
    return Series.fromColumn(stack(pieces), name);
  });
  return DataFrame.fromSeries(columns, rows);
}

/** Columns end to end; any 'object' piece makes the whole 'object'. */
function stack(pieces: readonly Column[]): Column {
  if (pieces.every((c) => c.dtype === 'number'))
    return { dtype: 'number', values: pieces.flatMap((c) => c.values as number[]) };
  return { dtype: 'object', values: pieces.flatMap((c) => asObject(c).values as (string | null)[]) };
}

function sideBySide(parts: readonly (DataFrame | Series)[]): DataFrame {
  const rows = rowCount(parts[0]);
  const series: Series[] = [];
  parts.forEach((part, i) => {
    if (rowCount(part) !== rows)
      throw new ShapeError(`concat: along axis 1, parts[${i}] has ${rowCount(part)} rows and parts[0] has ${rows}`);
    const columns = part instanceof Series ? [part.name === null ? part.rename(String(i)) : part] : part.columns.map((n) => part.get(n));
    for (const s of columns) {
      if (series.some((t) => t.name === s.name))
        throw new ValueError(`concat: along axis 1, the column name '${s.name}' appears twice; rename one first`);
      series.push(s.index === null ? s : Series.fromColumn(s.column, s.name));
    }
  });
  return DataFrame.fromSeries(series, rows);
}

function rowCount(part: DataFrame | Series): number {
  return part instanceof Series ? part.length : part.shape[0];
}
