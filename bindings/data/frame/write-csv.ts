/** writeCsv: a DataFrame to CSV text, as pandas' to_csv(index=False); papaparse quotes the fields. */
import Papa from 'papaparse';
import { ValueError } from '../../errors.js';
import { describeValue } from './column.js';
import type { DataFrame } from './data-frame.js';

/** How writeCsv writes. */
export interface WriteCsvOptions {
  /** The field separator; ',' by default. */
  delimiter?: string;
  /** The text of a missing value; '' by default (pandas' na_rep). */
  naRep?: string;
}

/**
 * CSV text of the frame: the column names, then one line per row, each line ending in '\n'.
 * Missing values are written as `naRep`; numbers in JavaScript's shortest round-trip form (3, not
 * pandas' 3.0), infinities as inf and -inf; fields holding the delimiter, quotes or line breaks
 * are quoted. No index column is written (pandas' index=False).
 */
export function writeCsv(frame: DataFrame, options: WriteCsvOptions = {}): string {
  if (frame === null || typeof frame !== 'object' || typeof frame.iloc !== 'function')
    throw new ValueError(`writeCsv: frame must be a DataFrame, got ${describeValue(frame)}`);
  if (options === null || typeof options !== 'object')
    throw new ValueError(`writeCsv: options must be an object, got ${describeValue(options)}`);
  const { delimiter = ',', naRep = '' } = options;
  checkDelimiter('writeCsv', delimiter);
  if (typeof naRep !== 'string') throw new ValueError(`writeCsv: options.naRep must be a string, got ${describeValue(naRep)}`);
  const columns = frame.columns.map((name) => frame.get(name).values.map((v) => cellText(v, naRep)));
  const rows = Array.from({ length: frame.shape[0] }, (_, r) => columns.map((cells) => cells[r]));
  const body = Papa.unparse([[...frame.columns], ...rows], { delimiter, newline: '\n', quotes: false });
  return `${body}\n`;
}

/** A field separator for readCsv and writeCsv: non-empty, without quotes or line breaks. */
export function checkDelimiter(where: string, delimiter: unknown): void {
  if (typeof delimiter !== 'string' || delimiter.length === 0 || /["\r\n]/.test(delimiter))
    throw new ValueError(`${where}: options.delimiter must be a non-empty string without quotes or line breaks, got ${describeValue(delimiter)}`);
}

function cellText(value: number | string | null, naRep: string): string {
  if (value === null || Number.isNaN(value)) return naRep;
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}
