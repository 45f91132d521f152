/** readCsv: CSV text to a DataFrame, with pandas' read_csv conventions; papaparse splits the fields. */
import Papa from 'papaparse';
import { ValueError } from '../../errors.js';
import { describeValue, type Column, type Dtype } from './column.js';
import { DataFrame } from './data-frame.js';
import { Series } from './series.js';
import { checkDelimiter } from './write-csv.js';

/** The strings pandas reads as missing by default (pandas 2's list, which adds 'None' to 1.x's). */
export const DEFAULT_NA_VALUES: readonly string[] = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA',
  'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

/** How readCsv reads. */
export interface ReadCsvOptions {
  /** The field separator; ',' by default (pandas' sep). */
  delimiter?: string;
  /** More strings that mean a missing value (pandas' na_values). */
  naValues?: readonly string[];
  /** Whether DEFAULT_NA_VALUES count as missing too (pandas' keep_default_na); true by default. */
  keepDefaultNa?: boolean;
  /** A dtype per column, to force one, e.g. { MSSubClass: 'object' } for a numeric code. */
  dtype?: Readonly<Record<string, Dtype>>;
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INFINITY = /^([+-]?)inf(?:inity)?$/i;

/**
 * Reads CSV text (first line the column names) into a DataFrame, as pandas' read_csv: fields equal
 * to an NA string (DEFAULT_NA_VALUES) are missing; a column whose present values all read as
 * decimal numbers is a 'number' column, any other an 'object' column of strings kept verbatim.
 * Quoted fields may hold commas, quotes ("") and line breaks; CRLF and LF line endings both work.
 * Blank lines are skipped (in a one-column file, so is a line holding only ""). Rows shorter than
 * the header are padded with missing values; a longer row is an error. Repeated names become
 * 'name.1', 'name.2'; a blank name 'Unnamed: i'. Errors count records from 1 (the header), blank
 * lines included.
 */
export function readCsv(text: string, options: ReadCsvOptions = {}): DataFrame {
  if (typeof text !== 'string') throw new ValueError(`readCsv: text must be a string of CSV, got ${describeValue(text)}`);
  const { delimiter, naValues, dtypes } = checkOptions(options);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, header: false, dynamicTyping: false });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    throw new ValueError(`readCsv: ${e.message.toLowerCase()} in record ${(e.row ?? 0) + 1} (the header is record 1)`);
  }
  // A blank or whitespace-only line is one blank field; a line of empty fields (',,') is a row.
  const [header, ...records] = parsed.data
    .map((fields, i) => ({ fields, record: i + 1 }))
    .filter(({ fields }) => fields.length > 1 || fields[0].trim() !== '');
  if (header === undefined) throw new ValueError(`readCsv: the text holds no header line`);
  const names = columnNames(header.fields);
  for (const name of Object.keys(dtypes))
    if (!names.includes(name)) throw new ValueError(`readCsv: options.dtype names column '${name}'; columns are: ${names.join(', ')}`);
  for (const { fields, record } of records)
    if (fields.length > names.length)
      throw new ValueError(`readCsv: record ${record} has ${fields.length} fields; the header has ${names.length}`);
  const series = names.map((name, c) => {
    const fields = records.map(({ fields }) => fields[c] ?? '');
    const column = readColumn(fields.map((f) => (naValues.has(f) ? null : f)), dtypes[name]);
    if (typeof column === 'number')
      throw new ValueError(`readCsv: column '${name}' was given dtype 'number', but record ${records[column].record} holds '${fields[column]}'`);
    return Series.fromColumn(column, name);
  });
  return DataFrame.fromSeries(series, records.length);
}

function checkOptions(options: ReadCsvOptions): { delimiter: string; naValues: Set<string>; dtypes: Readonly<Record<string, Dtype>> } {
  if (options === null || typeof options !== 'object') throw new ValueError(`readCsv: options must be an object, got ${describeValue(options)}`);
  const { delimiter = ',', naValues = [], keepDefaultNa = true, dtype = {} } = options;
  checkDelimiter('readCsv', delimiter);
  if (!Array.isArray(naValues) || naValues.some((v) => typeof v !== 'string'))
    throw new ValueError(`readCsv: options.naValues must be an array of strings, got ${describeValue(naValues)}`);
  if (typeof keepDefaultNa !== 'boolean')
    throw new ValueError(`readCsv: options.keepDefaultNa must be a boolean, got ${describeValue(keepDefaultNa)}`);
  if (dtype === null || typeof dtype !== 'object')
    throw new ValueError(`readCsv: options.dtype must be an object, got ${describeValue(dtype)}`);
  for (const [name, kind] of Object.entries(dtype))
    if (kind !== 'number' && kind !== 'object')
      throw new ValueError(`readCsv: options.dtype['${name}'] must be 'number' or 'object', got ${describeValue(kind)}`);
  return { delimiter, naValues: new Set([...(keepDefaultNa ? DEFAULT_NA_VALUES : []), ...naValues]), dtypes: dtype };
}

/** Header fields made unique as pandas makes them: 'a', 'a.1', 'a.2'; a blank one is 'Unnamed: i'. */
function columnNames(header: readonly string[]): string[] {
  const names: string[] = [];
  header.forEach((field, i) => {
    const base = field === '' ? `Unnamed: ${i}` : field;
    let name = base;
    for (let k = 1; names.includes(name); k++) name = `${base}.${k}`;
    names.push(name);
  });
  return names;
}

/** The number a field spells, or undefined when it is not a decimal number or an infinity. */
function parseNumber(field: string): number | undefined {
  if (NUMBER.test(field)) return Number(field);
  const infinity = INFINITY.exec(field);
  return infinity ? (infinity[1] === '-' ? -Infinity : Infinity) : undefined;
}

/** The column, or for a forced 'number' column the position of the first field that is no number. */
function readColumn(fields: readonly (string | null)[], dtype: Dtype | undefined): Column | number {
  if (dtype === 'object') return { dtype: 'object', values: fields };
  const numbers = fields.map((f) => (f === null ? NaN : parseNumber(f)));
  const bad = numbers.findIndex((v) => v === undefined);
  if (bad < 0) return { dtype: 'number', values: numbers as number[] };
  return dtype === 'number' ? bad : { dtype: 'object', values: fields };
}
