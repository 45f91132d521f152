/**
 * Tabular data as pandas handles it in d2l's preprocessing: readCsv, DataFrame, getDummies, concat.
 *
 * Where webgrad differs from pandas:
 * - Two dtypes: 'number' (pandas' int64 and float64; a missing number is NaN) and 'object' (strings;
 *   a missing string is null). readCsv makes no bool columns ('True' stays a string); a boolean given
 *   to a Series or DataFrame becomes 1 or 0. An integral number column prints without '.0'.
 * - No index labels: rows are positions 0 … n−1, concat renumbers them (ignore_index=True), and
 *   concat along axis 1 needs parts of equal length instead of aligning labels. Column names are
 *   unique. A Series carries labels only when it holds one value per column (mean(), std(), dtypes).
 * - iloc takes slices as strings ('1:-1'); an integer row gives a one-row DataFrame, not a Series.
 * - getDummies makes 0/1 number columns (pandas ≥ 2 makes bool columns).
 * - mean() and std() leave 'object' columns out (pandas 2 needs numeric_only=True for that).
 * - fillna with per-column values rejects a name that is not a column (pandas ignores it), and a
 *   string cannot fill a number column that has missing values (pandas would make it 'object').
 * - toString elides columns beyond 20 whatever the display width; writeCsv writes numbers in
 *   JavaScript's shortest form (3, not 3.0) and no index column.
 */
export { DataFrame, type ColumnValues, type ColumnsInput } from './data-frame.js';
export { Series, type SeriesOptions } from './series.js';
export { readCsv, DEFAULT_NA_VALUES, type ReadCsvOptions } from './read-csv.js';
export { writeCsv, type WriteCsvOptions } from './write-csv.js';
export { getDummies, type GetDummiesOptions } from './get-dummies.js';
export { concat, type ConcatOptions } from './concat.js';
export { isMissing, type Cell, type Dtype } from './column.js';
export type { FillValue } from './fill.js';
export type { Positions } from './positions.js';
