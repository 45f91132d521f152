/**
 * readCsv / writeCsv and d2l 2.2 line for line. Expected values were computed with pandas 1.5.3
 * (Debian's python3-pandas) on the same text and written here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CpuBackend, ValueError } from '../bindings/index.js';
import * as frames from '../bindings/data/frame/index.js';
import { DataFrame, concat, getDummies, readCsv } from '../bindings/data/frame/index.js';
import { readCsvFile, writeCsvFile } from '../bindings/train/node/index.js';

const HOUSE_TINY = `NumRooms,RoofType,Price
NA,NA,127500
2,NA,106000
4,Slate,178100
NA,NA,140000`;

const asCells = (frame: DataFrame) => frame.columns.map((n) => [...frame.get(n).values]);

describe('d2l 2.2 data preprocessing', () => {
  test('read_csv, iloc, get_dummies(dummy_na=True), fillna(mean()), to_numpy give pandas\' X and y', () => {
    const table = readCsv(HOUSE_TINY);
    const inputs0 = table.iloc(':', '0:2');
    const targets = table.iloc(':', 2);
    let inputs = getDummies(inputs0, { dummyNa: true });
    inputs = inputs.fillna(inputs.mean());
    const backend = new CpuBackend();
    const X = inputs.toTensor({ backend });
    const y = targets.toTensor({ backend });
    expect(inputs.columns).toEqual(['NumRooms', 'RoofType_Slate', 'RoofType_nan']);
    expect(X.shape).toEqual([4, 3]);
    expect([...X.dataSync()]).toEqual([3, 0, 1, 2, 0, 1, 4, 1, 0, 3, 0, 1]);
    expect(y.shape).toEqual([4]);
    expect([...y.dataSync()]).toEqual([127500, 106000, 178100, 140000]);
    expect(X.requiresGrad).toBe(false);
    X.dispose();
    y.dispose();
  });

  test('the frame prints as pandas prints it', () => {
    const table = readCsv(HOUSE_TINY);
    expect(table.toString()).toBe(
      ['   NumRooms RoofType   Price', '0       NaN      NaN  127500', '1       2.0      NaN  106000',
        '2       4.0    Slate  178100', '3       NaN      NaN  140000'].join('\n'));
    expect(getDummies(table.iloc(':', '0:2'), { dummyNa: true }).toString()).toBe(
      ['   NumRooms  RoofType_Slate  RoofType_nan', '0       NaN               0             1',
        '1       2.0               0             1', '2       4.0               1             0',
        '3       NaN               0             1'].join('\n'));
  });
});

describe('readCsv', () => {
  test('dtypes: all-numeric columns are numbers, the rest strings, NA strings missing', () => {
    const table = readCsv(HOUSE_TINY);
    expect(table.shape).toEqual([4, 3]);
    expect([...table.dtypes.values]).toEqual(['number', 'object', 'number']);
    expect(table.dtypes.get('RoofType')).toBe('object');
    expect(asCells(table)).toEqual([[NaN, 2, 4, NaN], [null, null, 'Slate', null], [127500, 106000, 178100, 140000]]);
  });

  test('quoted fields with commas, quotes and CRLF inside, CRLF line endings, blank lines skipped', () => {
    const text = 'Name,Price,Note\r\n"Smith, J.",100,"said ""hi"""\r\n\r\nDoe,NA,"two\r\nlines"\r\n"  padded ",  250 ,\r\n';
    const table = readCsv(text);
    expect(table.columns).toEqual(['Name', 'Price', 'Note']);
    expect([...table.dtypes.values]).toEqual(['object', 'number', 'object']);
    expect(asCells(table)).toEqual([['Smith, J.', 'Doe', '  padded '], [100, NaN, 250], ['said "hi"', 'two\r\nlines', null]]);
  });

  test('every default NA string is missing; other text keeps a column as strings', () => {
    for (const na of frames.DEFAULT_NA_VALUES) {
      const column = readCsv(`a,b\n"${na}",1\n3,2\n`).get('a');
      expect([column.dtype, ...column.values]).toEqual(['number', NaN, 3]);
    }
    for (const text of ['1_000', '0x1A', '1e', '--1', 'inf ', 'True', '1,5']) {
      const column = readCsv(`a\n"${text}"\n3\n`).get('a');
      expect([column.dtype, ...column.values]).toEqual(['object', text, '3']);
    }
  });

  test('numbers as pandas reads them: exponents, leading zeros and dots, spaces, infinities', () => {
    const table = readCsv('a,b,c,d\n-1.5e3,inf,00012,1.\n.5,-Infinity, 7 ,+.5e-3\n');
    expect(asCells(table)).toEqual([[-1500, 0.5], [Infinity, -Infinity], [12, 7], [1, 0.0005]]);
  });

  test('repeated and blank header names, short rows padded with missing values', () => {
    const table = readCsv('a,a,,b\n1,2,3,x\n4,5\n');
    expect(table.columns).toEqual(['a', 'a.1', 'Unnamed: 2', 'b']);
    expect(asCells(table)).toEqual([[1, 4], [2, 5], [3, NaN], ['x', null]]);
  });

  test('an all-missing column is a number column of NaN; a line of empty fields is a row; a header alone gives no rows', () => {
    const table = readCsv('a,b\n,\n,x\n \n');
    expect(asCells(table)).toEqual([[NaN, NaN], [null, 'x']]);
    const empty = readCsv('a,b\n');
    expect(empty.shape).toEqual([0, 2]);
    expect(empty.toString()).toBe('Empty DataFrame\nColumns: [a, b]\nIndex: []');
  });

  test('options: delimiter, naValues, keepDefaultNa, dtype', () => {
    const semicolons = readCsv('a;b\nmissing;2\nx;3\n', { delimiter: ';', naValues: ['missing'] });
    expect(asCells(semicolons)).toEqual([[null, 'x'], [2, 3]]);
    const kept = readCsv('a,b\nNA,1\nx,2\n', { keepDefaultNa: false });
    expect(asCells(kept)).toEqual([['NA', 'x'], [1, 2]]);
    const forced = readCsv('Id,MSSubClass\n1,60\n2,20\n', { dtype: { MSSubClass: 'object' } });
    expect(asCells(forced)).toEqual([[1, 2], ['60', '20']]);
  });

  test('bad text and options are ValueErrors naming readCsv and the problem', () => {
    expect(() => readCsv(42 as unknown as string)).toThrow(/^readCsv: text must be a string/);
    expect(() => readCsv('')).toThrow(/readCsv: the text holds no header line/);
    expect(() => readCsv('a,b\n1,"x\n2,3\n')).toThrow(/readCsv: quoted field unterminated in record 2/);
    expect(() => readCsv('a,b\n1,2\n3,4,5\n')).toThrow(/readCsv: record 3 has 3 fields; the header has 2/);
    expect(() => readCsv('a,b\n\n1,2\n3,4,5\n')).toThrow(/readCsv: record 4 has 3 fields/);
    expect(() => readCsv('a\n1\n', { delimiter: '' })).toThrow(/options.delimiter/);
    expect(() => readCsv('a\n1\n', { naValues: 'NA' as unknown as string[] })).toThrow(/options.naValues must be an array of strings/);
    expect(() => readCsv('a\n1\n', { dtype: { b: 'object' } })).toThrow(/options.dtype names column 'b'; columns are: a/);
    expect(() => readCsv('a\n1\n', { dtype: { a: 'float64' as 'number' } })).toThrow(/options.dtype\['a'\] must be 'number' or 'object'/);
    expect(() => readCsv('a\n1\n\nx\n', { dtype: { a: 'number' } })).toThrow(/column 'a' was given dtype 'number', but record 4 holds 'x'/);
    expect(() => readCsv('a\n1\n')).not.toThrow();
    expect(() => readCsv('')).toThrow(ValueError);
  });
});

describe('writeCsv', () => {
  test('as pandas\' to_csv(index=False): missing values empty, fields with commas quoted', () => {
    const frame = DataFrame.fromColumns({ Id: [1, 2], SalePrice: [1.5, null], s: ['a, b', null] });
    expect(frames.writeCsv(frame)).toBe('Id,SalePrice,s\n1,1.5,"a, b"\n2,,\n');
    expect(frame.toCsv({ naRep: 'NA', delimiter: ';' })).toBe('Id;SalePrice;s\n1;1.5;a, b\n2;NA;NA\n');
  });

  test('readCsv(writeCsv(df)) gives df back, quotes, line breaks and infinities included', () => {
    const frame = new DataFrame({ text: ['x,y', 'say "hi"', 'two\nlines', null, ' padded'], n: [1, NaN, Infinity, -Infinity, 2.5] });
    const back = readCsv(frames.writeCsv(frame));
    expect(asCells(back)).toEqual(asCells(frame));
  });

  test('the d2l 4.10 submission: concat of Id and predictions along columns, written without index', () => {
    const test = readCsv('Id,LotArea\n1461,11622\n1462,14267\n');
    const predictions = new frames.Series([120000.5, 150000], { name: 'SalePrice' });
    const submission = concat([test.get('Id'), predictions], { axis: 1 });
    expect(submission.toCsv()).toBe('Id,SalePrice\n1461,120000.5\n1462,150000\n');
  });

  test('bad arguments are ValueErrors', () => {
    expect(() => frames.writeCsv({} as DataFrame)).toThrow(/^writeCsv: frame must be a DataFrame/);
    expect(() => frames.writeCsv(new DataFrame({ a: [1] }), { naRep: 0 as unknown as string })).toThrow(/options.naRep must be a string/);
  });
});

describe('readCsvFile and writeCsvFile (webgrad/node)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'webgrad-csv-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a file written and read back', () => {
    const path = join(dir, 'house_tiny.csv');
    writeCsvFile(path, readCsv(HOUSE_TINY));
    expect(readFileSync(path, 'utf8')).toBe('NumRooms,RoofType,Price\n,,127500\n2,,106000\n4,Slate,178100\n,,140000\n');
    expect(asCells(readCsvFile(path))).toEqual(asCells(readCsv(HOUSE_TINY)));
  });

  test('the shipped house-price files read with pandas\' dtypes and shapes', () => {
    const folder = join(process.cwd(), 'examples', 'data', 'house-prices');
    const train = readCsvFile(join(folder, 'train.csv'));
    const test = readCsvFile(join(folder, 'test.csv'));
    expect(train.shape).toEqual([300, 16]);
    expect(test.shape).toEqual([100, 15]);
    expect(train.columns.filter((n) => train.get(n).dtype === 'object')).toEqual(
      ['MSZoning', 'Street', 'Alley', 'KitchenQual', 'GarageType', 'PoolQC']);
    expect(train.get('Alley').values.filter((v) => v === null)).toHaveLength(282);
    expect(test.get('MSZoning').values.filter((v) => v === null)).toHaveLength(3);
  });

  test('bad paths are ValueErrors; a missing file is the file system\'s error', () => {
    expect(() => readCsvFile('')).toThrow(/^readCsvFile: path must be a non-empty string/);
    expect(() => writeCsvFile(undefined as unknown as string, new DataFrame())).toThrow(/^writeCsvFile: path/);
    expect(() => readCsvFile(join(dir, 'absent.csv'))).toThrow(/ENOENT/);
  });
});
