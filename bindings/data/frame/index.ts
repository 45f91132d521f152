/** Tabular data as pandas handles it in d2l's preprocessing: readCsv, DataFrame, getDummies, concat. */
export { DataFrame, type ColumnValues, type ColumnsInput } from './data-frame.js';
export { Series, type SeriesOptions } from './series.js';
export { readCsv, DEFAULT_NA_VALUES, type ReadCsvOptions } from './read-csv.js';
export { writeCsv, type WriteCsvOptions } from './write-csv.js';
export { getDummies, type GetDummiesOptions } from './get-dummies.js';
export { concat, type ConcatOptions } from './concat.js';
export { isMissing, type Cell, type Dtype } from './column.js';
export type { FillValue } from './fill.js';
export type { Positions } from './positions.js';
