/** CSV files on disk as DataFrames (Node only). */
import { readFileSync, writeFileSync } from 'node:fs';
import { ValueError } from '../../errors.js';
import type { DataFrame } from '../frame/data-frame.js';
import { readCsv, type ReadCsvOptions } from '../frame/read-csv.js';
import { writeCsv, type WriteCsvOptions } from '../frame/write-csv.js';

/** The CSV file at `path` (UTF-8) as a DataFrame, as pandas' read_csv(path); see readCsv. */
export function readCsvFile(path: string, options?: ReadCsvOptions): DataFrame {
  if (typeof path !== 'string' || path === '') throw new ValueError(`readCsvFile: path must be a non-empty string, got ${String(path)}`);
  return readCsv(readFileSync(path, 'utf8'), options);
}

/** Writes the frame to `path` as CSV (UTF-8), as pandas' to_csv(path, index=False); see writeCsv. */
export function writeCsvFile(path: string, frame: DataFrame, options?: WriteCsvOptions): void {
  if (typeof path !== 'string' || path === '') throw new ValueError(`writeCsvFile: path must be a non-empty string, got ${String(path)}`);
  writeFileSync(path, writeCsv(frame, options));
}
