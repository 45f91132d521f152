/** getDummies: one-hot encoding of categorical columns, as pandas' get_dummies. */
import { ValueError } from '../../errors.js';
import { describeValue, type Column } from './column.js';
import { DataFrame, nameList } from './data-frame.js';
import { Series } from './series.js';

/** How getDummies encodes. */
export interface GetDummiesOptions {
  /** Also a `<column>_nan` indicator of missing values (pandas' dummy_na); false by default. */
  dummyNa?: boolean;
  /** The columns to encode; every 'object' column by default. */
  columns?: readonly string[];
  /** Between a column's name and a category in the new names; '_' by default. */
  prefixSep?: string;
}

/**
 * Each encoded column replaced by one 0/1 'number' column per category, named `<column>_<category>`,
 * categories sorted (numbers numerically, strings by code unit), plus `<column>_nan` when dummyNa
 * is set. As in pandas, the columns not encoded come first in their order, then each encoded
 * column's indicators in column order. pandas ≥ 2 makes bool columns; these are numbers, 0 and 1.
 */
export function getDummies(frame: DataFrame, options: GetDummiesOptions = {}): DataFrame {
  if (!(frame instanceof DataFrame)) throw new ValueError(`getDummies: frame must be a DataFrame, got ${describeValue(frame)}`);
  if (options === null || typeof options !== 'object') throw new ValueError(`getDummies: options must be an object, got ${describeValue(options)}`);
  const { dummyNa = false, prefixSep = '_' } = options;
  if (typeof dummyNa !== 'boolean') throw new ValueError(`getDummies: options.dummyNa must be a boolean, got ${describeValue(dummyNa)}`);
  if (typeof prefixSep !== 'string') throw new ValueError(`getDummies: options.prefixSep must be a string, got ${describeValue(prefixSep)}`);
  const encoded = options.columns === undefined
    ? frame.columns.filter((n) => frame.get(n).dtype === 'object')
    : nameList('getDummies (options.columns)', options.columns, frame.columns);
  const kept = frame.columns.filter((n) => !encoded.includes(n)).map((n) => frame.get(n));
  const indicators = encoded.flatMap((name) => indicatorColumns(frame.get(name).column, `${name}${prefixSep}`, dummyNa));
  const names = new Set(kept.map((s) => s.name));
  for (const s of indicators) {
    if (names.has(s.name)) throw new ValueError(`getDummies: the indicator column '${s.name}' would repeat an existing column name`);
    names.add(s.name);
  }
  return DataFrame.fromSeries([...kept, ...indicators], frame.shape[0]);
}

function indicatorColumns(column: Column, prefix: string, dummyNa: boolean): Series[] {
  const values: readonly (number | string | null)[] = column.values;
  const present = (v: number | string | null): v is number | string => v !== null && !(typeof v === 'number' && Number.isNaN(v));
  const categories = [...new Set(values.filter(present))].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0,
  );
  const indicator = (test: (v: number | string | null) => boolean, label: string) =>
    Series.fromColumn({ dtype: 'number', values: values.map((v) => (test(v) ? 1 : 0)) }, `${prefix}${label}`);
  const columns = categories.map((category) => indicator((v) => v === category, String(category)));
  if (dummyNa) columns.push(indicator((v) => !present(v), 'nan'));
  return columns;
}
