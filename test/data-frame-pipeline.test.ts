/**
 * getDummies, concat and d2l 4.10's feature pipeline. Expected values were computed with pandas
 * 1.5.3 (Debian's python3-pandas) on the same data and written here.
 */
import { join } from 'node:path';
import { CpuBackend, ShapeError, ValueError } from '../bindings/index.js';
import * as frames from '../bindings/data/frame/index.js';
import { DataFrame, concat, getDummies, readCsv } from '../bindings/data/frame/index.js';
import { readCsvFile } from '../bindings/train/node/index.js';

const cells = (frame: DataFrame) => frame.columns.map((n) => [...frame.get(n).values]);

describe('getDummies', () => {
  const frame = () => new DataFrame({ c: ['x', 'y', null], a: [1, NaN, 3], b: ['q', 'p', 'q'], d: [10, 9, 100] });

  test('pandas\' column order: columns kept first, then each encoded column\'s sorted categories', () => {
    const dummies = getDummies(frame(), { dummyNa: true });
    expect(dummies.columns).toEqual(['a', 'd', 'c_x', 'c_y', 'c_nan', 'b_p', 'b_q', 'b_nan']);
    expect(cells(dummies)).toEqual([[1, NaN, 3], [10, 9, 100], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0], [1, 0, 1], [0, 0, 0]]);
    expect(dummies.numericColumns()).toEqual(dummies.columns);
    expect(getDummies(frame()).columns).toEqual(['a', 'd', 'c_x', 'c_y', 'b_p', 'b_q']);
  });

  test('options: columns (numbers sorted as numbers), prefixSep; strings sorted by code unit', () => {
    expect(getDummies(frame(), { columns: ['d', 'b'] }).columns).toEqual(['c', 'a', 'd_9', 'd_10', 'd_100', 'b_p', 'b_q']);
    expect(getDummies(frame(), { prefixSep: '=' }).columns).toEqual(['a', 'd', 'c=x', 'c=y', 'b=p', 'b=q']);
    expect(getDummies(new DataFrame({ s: ['b', 'B', 'a', '_'] })).columns).toEqual(['s_B', 's__', 's_a', 's_b']);
  });

  test('bad arguments are ValueErrors', () => {
    expect(() => getDummies([] as unknown as DataFrame)).toThrow(/^getDummies: frame must be a DataFrame/);
    expect(() => getDummies(frame(), { dummyNa: 1 as unknown as boolean })).toThrow(/options.dummyNa must be a boolean/);
    expect(() => getDummies(frame(), { columns: ['e'] })).toThrow(/^getDummies \(options.columns\): no column 'e'; columns are: c, a, b, d/);
    expect(() => getDummies(new DataFrame({ c: ['x'], c_x: [1] }))).toThrow(/'c_x' would repeat an existing column name/);
  });
});

describe('concat', () => {
  test('axis 0 aligns columns by name in order of appearance; absent ones are missing', () => {
    const a = new DataFrame({ x: [1, 2], y: ['a', 'b'] });
    const b = new DataFrame({ z: [3.5], x: [9] });
    const both = concat([a, b]);
    expect(both.columns).toEqual(['x', 'y', 'z']);
    expect(cells(both)).toEqual([[1, 2, 9], ['a', 'b', null], [NaN, NaN, 3.5]]);
    expect([...both.dtypes.values]).toEqual(['number', 'object', 'number']);
  });

  test('a column of numbers in one frame and strings in another becomes strings', () => {
    const mixed = concat([new DataFrame({ k: [1, NaN] }), new DataFrame({ k: ['x'] })]);
    expect(cells(mixed)).toEqual([['1', null, 'x']]);
  });

  test('series: along axis 0 one longer Series, along axis 1 named columns', () => {
    const s = concat([new frames.Series([1], { name: 'v' }), new frames.Series([2, 3], { name: 'v' })]);
    expect([s.name, ...s.values]).toEqual(['v', 1, 2, 3]);
    const side = concat([new DataFrame({ Id: [1, 2] }), new frames.Series(['a', 'b'], { name: 'c' }), new frames.Series([5, 6])], { axis: 1 });
    expect(side.columns).toEqual(['Id', 'c', '2']);
  });

  test('bad arguments: empty, wrong parts, axis, unequal lengths, repeated names', () => {
    const one = new DataFrame({ a: [1] });
    expect(() => concat([])).toThrow(/^concat: parts must be a non-empty array/);
    expect(() => concat([one, 3 as unknown as DataFrame])).toThrow(/^concat: parts\[1\] is 3 \(number\), not a DataFrame or a Series/);
    expect(() => concat([one], { axis: 2 as 0 })).toThrow(/^concat: options.axis must be 0 or 1/);
    expect(() => concat([one, new DataFrame({ b: [1, 2] })], { axis: 1 })).toThrow(ShapeError);
    expect(() => concat([one, new DataFrame({ a: [2] })], { axis: 1 })).toThrow(/the column name 'a' appears twice/);
    expect(() => concat([one, new frames.Series([1])])).toThrow(ValueError);
  });
});

/** d2l 4.10's preprocessing, written with webgrad as d2l writes it with pandas. */
function preprocess(train: DataFrame, test: DataFrame): DataFrame {
  let allFeatures = concat([train.iloc(':', '1:-1'), test.iloc(':', '1:')]);
  const numericFeatures = allFeatures.numericColumns();
  allFeatures = allFeatures.assign(allFeatures.select(numericFeatures).apply((x) => {
    const mean = x.mean();
    const std = x.std();
    return x.map((v) => ((v as number) - mean) / std);
  }));
  allFeatures = allFeatures.assign(allFeatures.select(numericFeatures).fillna(0));
  return getDummies(allFeatures, { dummyNa: true });
}

describe('d2l 4.10 preprocessing', () => {
  const TRAIN = 'Id,LotArea,Quality,Zone,Alley,SalePrice\n1,8450,7,RL,NA,208500\n2,9600,NA,RL,Pave,181500\n'
    + '3,11250,7,RM,NA,223500\n4,NA,5,"C (all)",Grvl,140000\n5,14260,8,RL,NA,250000\n6,14115,5,NA,NA,143000\n';
  const TEST = 'Id,LotArea,Quality,Zone,Alley\n7,11622,5,RH,NA\n8,14267,6,RL,Pave\n9,NA,NA,RL,NA\n10,10000,8,FV,NA\n';
  const PANDAS_COLUMNS = ['LotArea', 'Quality', 'Zone_C (all)', 'Zone_FV', 'Zone_RH', 'Zone_RL', 'Zone_RM', 'Zone_nan', 'Alley_Grvl', 'Alley_Pave', 'Alley_nan'];
  const PANDAS_VALUES = [
    [-1.4107777089294444, 0.47985743496869654, 0, 0, 0, 1, 0, 0, 0, 0, 1], [-0.9108872867236637, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0],
    [-0.19365320268928285, 0.47985743496869654, 0, 0, 0, 0, 1, 0, 0, 0, 1], [0, -1.0556863569311323, 1, 0, 0, 0, 0, 0, 1, 0, 0],
    [1.1147556415188908, 1.247629330918611, 0, 0, 0, 1, 0, 0, 0, 0, 1], [1.0517259795885967, -1.0556863569311323, 0, 0, 0, 0, 0, 1, 0, 0, 1],
    [-0.03194951828880424, -1.0556863569311323, 0, 0, 1, 0, 0, 0, 0, 0, 1], [1.1177984527844913, -0.2879144609812179, 0, 0, 0, 1, 0, 0, 0, 1, 0],
    [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], [-0.7370123572607835, 1.247629330918611, 0, 1, 0, 0, 0, 0, 0, 0, 1],
  ];

  test('on a small CSV: every value as pandas computes it', () => {
    const all = preprocess(readCsv(TRAIN), readCsv(TEST));
    expect(all.columns).toEqual(PANDAS_COLUMNS);
    expect(all.shape).toEqual([10, 11]);
    PANDAS_VALUES.forEach((row, r) => row.forEach((want, c) => expect(all.iloc(r, c)).toBeCloseTo(want, 14)));
  });

  test('standardize() is the same computation as the apply lambda', () => {
    const train = readCsv(TRAIN);
    const all = concat([train.iloc(':', '1:-1'), readCsv(TEST).iloc(':', '1:')]);
    const viaStandardize = getDummies(all.standardize().fillna(Object.fromEntries(all.numericColumns().map((n) => [n, 0]))), { dummyNa: true });
    expect(cells(viaStandardize)).toEqual(cells(preprocess(train, readCsv(TEST))));
  });

  test('on the shipped house-price files: shape, columns, sums and rows as pandas', () => {
    const folder = join(process.cwd(), 'examples', 'data', 'house-prices');
    const train = readCsvFile(join(folder, 'train.csv'));
    const test = readCsvFile(join(folder, 'test.csv'));
    const all = preprocess(train, test);
    expect(all.shape).toEqual([400, 35]);
    expect(all.columns.slice(0, 9)).toEqual(['MSSubClass', 'LotFrontage', 'LotArea', 'OverallQual', 'YearBuilt', 'MasVnrArea', 'GrLivArea', 'GarageArea', 'MSZoning_C (all)']);
    expect(all.columns.slice(-6)).toEqual(['GarageType_Detchd', 'GarageType_nan', 'PoolQC_Ex', 'PoolQC_Fa', 'PoolQC_Gd', 'PoolQC_nan']);
    const pandasSquares = [399, 326.00000000000006, 399.0000000000001, 398.9999999999975, 399.00000000000045, 397.0000000000006, 398.9999999999999, 395.00000000000045];
    const counts = [2, 16, 3, 318, 58, 3, 4, 396, 0, 10, 12, 378, 33, 7, 173, 186, 1, 235, 8, 28, 4, 104, 21, 3, 5, 10, 382];
    all.columns.forEach((name, c) => {
      const values = all.get(name).values as number[];
      const sum = values.reduce((s, v) => s + v, 0);
      if (c < 8) {
        expect(Math.abs(sum)).toBeLessThan(1e-9);
        expect(values.reduce((s, v) => s + v * v, 0)).toBeCloseTo(pandasSquares[c], 9);
      } else {
        expect(sum).toBe(counts[c - 8]);
      }
    });
    const first = [-0.12641057411529594, 0.5779552549958128, -0.11491439827410549, 0.7604119006845094, 1.9094011281882666, -0.7095087488591371, -0.9086694156003559, 1.374353616799664];
    const last = [2.345618430806047, -1.4165596552441926, -1.317144820754819, 0.04134627355967789, 0.77007851305016, -0.7095087488591371, 0.7075223187856547, 0.05732672858713504];
    first.forEach((v, c) => expect(all.iloc(0, c)).toBeCloseTo(v, 12));
    last.forEach((v, c) => expect(all.iloc(-1, c)).toBeCloseTo(v, 12));
  });

  test('tensors for training, and the submission file, as d2l makes them', () => {
    const folder = join(process.cwd(), 'examples', 'data', 'house-prices');
    const train = readCsvFile(join(folder, 'train.csv'));
    const test = readCsvFile(join(folder, 'test.csv'));
    const all = preprocess(train, test);
    const nTrain = train.shape[0];
    const backend = new CpuBackend();
    const trainFeatures = all.slice(0, nTrain).toTensor({ backend });
    const testFeatures = all.slice(nTrain).toTensor({ backend });
    const trainLabels = train.get('SalePrice').toTensor({ backend }).reshape([-1, 1]);
    expect([trainFeatures.shape, testFeatures.shape, trainLabels.shape]).toEqual([[300, 35], [100, 35], [300, 1]]);
    expect(trainLabels.dataSync()[0]).toBe(train.get('SalePrice').values[0]);
    expect(testFeatures.dataSync()[0]).toBeCloseTo(all.iloc(300, 0) as number, 6);
    const predictions = new frames.Series(Array.from({ length: test.shape[0] }, (_, i) => 100000 + i), { name: 'SalePrice' });
    const submission = concat([test.get('Id'), predictions], { axis: 1 });
    const lines = submission.toCsv().split('\n');
    expect([lines[0], lines[1], lines[100], lines.length]).toEqual(['Id,SalePrice', '301,100000', '400,100099', 102]);
    for (const t of [trainFeatures, testFeatures, trainLabels]) t.dispose();
  });
});
