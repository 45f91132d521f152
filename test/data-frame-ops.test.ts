/**
 * DataFrame and Series operations. Expected values were computed with pandas 1.5.3 / Python 3.11
 * (Debian's python3-pandas) and written here.
 */
import { CpuBackend, ShapeError, ValueError } from '../bindings/index.js';
import * as frames from '../bindings/data/frame/index.js';
import { DataFrame, readCsv } from '../bindings/data/frame/index.js';

const { Series } = frames;
type Series = frames.Series;

const frame = () => new DataFrame({
  x: [0.123456789, 12345.678, NaN], y: [1.5, 2.25, -3], z: [1e-7, 1, 2], big: [123456789.123, 1, 2], s: ['a', null, 'ccc'],
});

describe('iloc', () => {
  // Python: list(range(6))[slice(...)] for each slice string.
  const PYTHON_SLICES: Record<string, number[]> = {
    ':': [0, 1, 2, 3, 4, 5], '0:2': [0, 1], '1:-1': [1, 2, 3, 4], '-2:': [4, 5], '::2': [0, 2, 4], '::-1': [5, 4, 3, 2, 1, 0],
    '4:1:-1': [4, 3, 2], '-10:10': [0, 1, 2, 3, 4, 5], '5:2': [], '1::3': [1, 4], '-1::-2': [5, 3, 1], ':-4': [0, 1], '3:3': [], '10:': [],
  };
  const six = new DataFrame({ i: [0, 1, 2, 3, 4, 5], s: ['a', 'b', 'c', 'd', 'e', 'f'] });

  test.each(Object.entries(PYTHON_SLICES))('rows %s select Python\'s positions', (slice, positions) => {
    const rows = six.iloc(slice);
    expect(rows.shape).toEqual([positions.length, 2]);
    expect([...rows.get('i').values]).toEqual(positions);
  });

  test('columns by slice give frames, by integer a Series, both integers one value', () => {
    const f = frame();
    expect(f.iloc(':', '0:2').columns).toEqual(['x', 'y']);
    expect(f.iloc(':', '1:-1').columns).toEqual(['y', 'z', 'big']);
    expect(f.iloc('0:2', [4, 0]).columns).toEqual(['s', 'x']);
    const s = f.iloc(':', -1);
    expect([s.name, s.dtype, ...s.values]).toEqual(['s', 'object', 'a', null, 'ccc']);
    expect(f.iloc(1, 1)).toBe(2.25);
    expect(f.iloc(-1, 0)).toBeNaN();
    expect(f.iloc(1).shape).toEqual([1, 5]);
    expect([...f.iloc([true, false, true], 4).values]).toEqual(['a', 'ccc']);
  });

  test('bad positions are ValueErrors naming the axis', () => {
    const f = frame();
    expect(() => f.iloc(3)).toThrow(/^DataFrame.iloc \(rows\): position 3 is out of bounds for length 3/);
    expect(() => f.iloc(':', -6)).toThrow(/^DataFrame.iloc \(columns\): position -6 is out of bounds for length 5/);
    expect(() => f.iloc('0:2:0')).toThrow(/slice '0:2:0' has step 0/);
    expect(() => f.iloc('a:b')).toThrow(/'a:b' is not a slice/);
    expect(() => f.iloc(1.5)).toThrow(/a position must be an integer, got 1.5/);
    expect(() => f.iloc([true, false])).toThrow(/a boolean mask must have 3 entries, got 2/);
    expect(() => f.iloc(':', [0, -5])).toThrow(/^DataFrame.iloc \(columns\): a column is chosen twice/);
    expect(() => f.iloc({} as unknown as number)).toThrow(ValueError);
  });
});

describe('columns', () => {
  test('get, select, drop, set, assign, numericColumns', () => {
    const f = frame();
    expect(f.numericColumns()).toEqual(['x', 'y', 'z', 'big']);
    expect(f.select(['s', 'y']).columns).toEqual(['s', 'y']);
    expect(f.drop(['x', 'big']).columns).toEqual(['y', 'z', 's']);
    expect(f.drop('s').columns).toEqual(['x', 'y', 'z', 'big']);
    expect(f.set('y', [7, 8, 9]).set('w', 'k').columns).toEqual(['x', 'y', 'z', 'big', 's', 'w']);
    expect([...f.get('y').values, ...f.get('w').values]).toEqual([7, 8, 9, 'k', 'k', 'k']);
    const assigned = f.assign(f.select(['x']).fillna(0));
    expect([...assigned.get('x').values]).toEqual([0.123456789, 12345.678, 0]);
    expect(f.get('x').values[2]).toBeNaN();
  });

  test('unknown names list the columns; lengths must match', () => {
    const f = frame();
    expect(() => f.get('Price')).toThrow(/^DataFrame.get: no column 'Price'; columns are: x, y, z, big, s$/);
    expect(() => f.select(['y', 'nope'])).toThrow(/^DataFrame.select: no column 'nope'; columns are: x, y, z, big, s/);
    expect(() => f.drop(['q'])).toThrow(/^DataFrame.drop: no column 'q'/);
    expect(() => f.select(['y', 'y'])).toThrow(/a column is named twice/);
    expect(() => f.set('y', [1, 2])).toThrow(ShapeError);
    expect(() => f.set('y', [1, 2])).toThrow(/^DataFrame.set: 'y' has 2 values; the frame has 3 rows/);
    expect(() => f.set('y', [{}, 1, 2] as unknown as number[])).toThrow(/^DataFrame.set: 'y': value 0 is \[object Object\]/);
    expect(() => f.assign({ y: [1] })).toThrow(/^DataFrame.assign: 'y' has 1 values/);
    expect(() => new DataFrame({ a: [1, 2], b: [1] })).toThrow(/^DataFrame: column 'b' has 1 values, column 'a' has 2/);
    expect(() => new DataFrame([['a', [1]], ['a', [2]]])).toThrow(/column 'a' is given twice/);
    expect(() => new DataFrame(5 as unknown as Record<string, number[]>)).toThrow(/^DataFrame: columns must be an object/);
  });

  test('Series and fromSeries check what they are given', () => {
    expect(() => new Series([1, {}] as unknown as number[])).toThrow(/^Series: value 1 is \[object Object\] \(object\)/);
    expect(() => new Series('abc' as unknown as number[])).toThrow(/^Series: values must be an array, got the string 'abc'/);
    expect(() => new Series([1], { index: ['a', 'b'] })).toThrow(/^Series: index must be 1 strings/);
    expect(() => new Series([1, 2], { index: ['a', 'a'] })).toThrow(/^Series: index labels must be unique/);
    expect(() => new Series(['x'], { dtype: 'number' })).toThrow(/value 0 is the string 'x', not a number, in a 'number' column/);
    expect([...new Series([true, false, null]).values]).toEqual([1, 0, NaN]);
    expect([...new Series([1, 'b']).values]).toEqual(['1', 'b']);
    expect(() => DataFrame.fromSeries([new Series([1])])).toThrow(/^DataFrame.fromSeries: series\[0\] has no name/);
    expect(() => DataFrame.fromSeries([new Series([1], { name: 'a' })], 2)).toThrow(/series\[0\] \('a'\) has 1 values, not 2/);
    expect(DataFrame.fromSeries([], 3).shape).toEqual([3, 0]);
    expect(() => new Series([1]).map(3 as unknown as () => number)).toThrow(/^Series.map: fn must be a function/);
  });

  test('[name, values] pairs keep numeric names in order; a Map works too', () => {
    expect(new DataFrame([['2', [1]], ['1', [2]]]).columns).toEqual(['2', '1']);
    expect(new DataFrame(new Map([['b', [1]], ['a', ['x']]])).columns).toEqual(['b', 'a']);
  });
});

describe('rows', () => {
  const ten = new DataFrame({ i: Array.from({ length: 10 }, (_, i) => i) });
  const rows = (f: DataFrame) => [...f.get('i').values];
  test('head, tail, slice as pandas and Array.prototype.slice', () => {
    expect(rows(ten.head())).toEqual([0, 1, 2, 3, 4]);
    expect(rows(ten.head(-7))).toEqual([0, 1, 2]);
    expect(rows(ten.tail(2))).toEqual([8, 9]);
    expect(rows(ten.tail(-8))).toEqual([8, 9]);
    expect(rows(ten.slice(7))).toEqual([7, 8, 9]);
    expect(rows(ten.slice(2, -6))).toEqual([2, 3]);
    expect(ten.head(20).shape).toEqual([10, 1]);
    expect(() => ten.head(1.5)).toThrow(/^DataFrame.head: n must be an integer/);
    expect(() => ten.slice(0, NaN)).toThrow(/^DataFrame.slice: end must be an integer/);
  });
});

describe('statistics', () => {
  test('Series mean and std skip NaN; std has ddof = 1 as pandas, NaN with too few values', () => {
    const s = new Series([1, 2, 4, NaN, 10]);
    expect(s.mean()).toBeCloseTo(4.25, 15);
    expect(s.std()).toBeCloseTo(4.031128874149275, 14);
    expect(s.std(0)).toBeCloseTo(3.491060010942235, 14);
    expect(s.std(4)).toBeNaN();
    expect(new Series([5]).std()).toBeNaN();
    expect(new Series([NaN]).mean()).toBeNaN();
    expect(() => s.std(-1)).toThrow(/^Series.std: ddof must be a non-negative integer/);
    expect(() => new Series(['a']).mean()).toThrow(/^Series.mean: the Series holds strings/);
  });

  test('DataFrame mean and std per number column, labelled by column', () => {
    const f = frame();
    const means = f.mean();
    expect(means.index).toEqual(['x', 'y', 'z', 'big']);
    const pandasStd = [8729.625335012888, 2.839454172900137, 0.9999999500000004, 71277809.5674255];
    f.std().values.forEach((v, i) => expect((v as number) / pandasStd[i]).toBeCloseTo(1, 14));
    expect(means.get('y')).toBeCloseTo(0.25, 15);
    expect(() => means.get('s')).toThrow(/^Series.get: no label 's'; labels are: x, y, z, big/);
  });

  test('fillna with a value, a value per column, a Map or a labelled Series', () => {
    const f = new DataFrame({ a: [NaN, 2, 4, NaN], c: ['x', null, 'x', null] });
    const cells = (g: DataFrame) => g.columns.map((n) => [...g.get(n).values]);
    expect(cells(f.fillna(0))).toEqual([[0, 2, 4, 0], ['x', '0', 'x', '0']]);
    expect(cells(f.fillna({ c: 'none' }))).toEqual([[NaN, 2, 4, NaN], ['x', 'none', 'x', 'none']]);
    expect(cells(f.fillna(new Map([['a', -1]])))).toEqual([[-1, 2, 4, -1], ['x', null, 'x', null]]);
    expect(cells(f.fillna(f.mean()))).toEqual([[3, 2, 4, 3], ['x', null, 'x', null]]);
    expect(() => f.fillna('none')).toThrow(/^DataFrame.fillna: column 'a' holds numbers; cannot fill it with the string 'none'/);
    expect(() => f.fillna({ b: 1 })).toThrow(/^DataFrame.fillna: no column 'b' to fill; columns are: a, c/);
    expect(() => f.fillna(new Series([1, 2]))).toThrow(/needs a label per column/);
    expect(() => f.fillna(null as unknown as number)).toThrow(/^DataFrame.fillna: value must be/);
    expect([...new Series([NaN, 1]).fillna(5).values]).toEqual([5, 1]);
  });

  test('apply and standardize are d2l 4.10\'s (x - x.mean()) / x.std()', () => {
    const f = new DataFrame({ a: [1, 2, NaN, 5], s: ['p', 'q', 'r', 's'] });
    const z = f.standardize();
    const mean = 8 / 3;
    const std = Math.sqrt(((1 - mean) ** 2 + (2 - mean) ** 2 + (5 - mean) ** 2) / 2);
    [(1 - mean) / std, (2 - mean) / std, NaN, (5 - mean) / std].forEach((v, i) =>
      Number.isNaN(v) ? expect(z.get('a').values[i]).toBeNaN() : expect(z.get('a').values[i]).toBeCloseTo(v, 14));
    expect(z.get('s')).toBe(f.get('s'));
    const applied = f.select(['a']).apply((x) => x.map((v) => ((v as number) - x.mean()) / x.std()));
    expect([...applied.get('a').values]).toEqual([...z.get('a').values]);
    const counts = f.apply((x) => x.length);
    expect([counts.index, counts.values]).toEqual([['a', 's'], [4, 4]]);
    expect(new DataFrame({ c: [3, 3] }).standardize().get('c').values[0]).toBeNaN();
    expect(() => f.standardize(['s'])).toThrow(/^DataFrame.standardize: column 's' holds strings/);
    expect(() => f.apply((x) => (x.name === 'a' ? 1 : x))).toThrow(/fn returned numbers for some columns/);
    expect(() => f.apply((x) => [1])).toThrow(/^DataFrame.apply: fn returned 1 values per column; the frame has 4 rows/);
  });
});

describe('toArray and toTensor', () => {
  test('row-major values; NaN stays NaN; options reach the tensor', () => {
    const f = new DataFrame({ a: [1, NaN], b: [3, 4] });
    expect([...f.toArray()]).toEqual([1, 3, NaN, 4]);
    const backend = new CpuBackend();
    const t = f.fillna(0).toTensor({ backend, requiresGrad: true });
    expect([t.shape, [...t.dataSync()], t.requiresGrad, t.backend]).toEqual([[2, 2], [1, 3, 0, 4], true, backend]);
    const column = f.get('b').toTensor({ backend }).reshape([-1, 1]);
    expect(column.shape).toEqual([2, 1]);
    t.dispose();
    column.dispose();
  });

  test('an object column left is an error naming it', () => {
    expect(() => frame().toArray()).toThrow(/^DataFrame.toArray: column 's' holds strings \(dtype 'object'\); encode them with getDummies/);
    expect(() => readCsv('a,b,c\nx,1,y\n').toTensor()).toThrow(/columns 'a', 'c' hold strings/);
    expect(() => new Series(['x']).toArray()).toThrow(/^Series.toArray: the Series holds strings/);
  });
});

describe('toString', () => {
  test('a frame of floats, tiny and large numbers and strings, as pandas prints it', () => {
    expect(frame().toString()).toBe([
      '              x     y             z           big    s',
      '0      0.123457  1.50  1.000000e-07  1.234568e+08    a',
      '1  12345.678000  2.25  1.000000e+00  1.000000e+00  NaN',
      '2           NaN -3.00  2.000000e+00  2.000000e+00  ccc',
    ].join('\n'));
  });

  test('a long frame shows its first and last five rows', () => {
    const i = Array.from({ length: 70 }, (_, k) => k);
    const text = new DataFrame({ a: i, b: i.map((k) => k / 2) }).toString();
    expect(text.split('\n').slice(0, 7)).toEqual(['     a     b', '0    0   0.0', '1    1   0.5', '2    2   1.0', '3    3   1.5', '4    4   2.0', '..  ..   ...']);
    expect(text.endsWith('69  69  34.5\n\n[70 rows x 2 columns]')).toBe(true);
  });

  test('a wide and long frame shows its first and last ten columns and five rows', () => {
    const rows = Array.from({ length: 70 }, (_, r) => r);
    const wide = new DataFrame(Array.from({ length: 25 }, (_, c) => [`c${c}`, rows.map((r) => c + 25 * r)] as const));
    const lines = wide.toString().split('\n');
    // pandas elides the same way; how many columns it keeps depends on its display options.
    expect(lines[0]).toBe('      c0    c1    c2    c3    c4    c5    c6    c7    c8    c9  ...   c15   c16   c17   c18   c19   c20   c21   c22   c23   c24');
    expect(lines[6]).toBe('..   ...   ...   ...   ...   ...   ...   ...   ...   ...   ...  ...   ...   ...   ...   ...   ...   ...   ...   ...   ...   ...');
    expect(lines[11]).toBe('69  1725  1726  1727  1728  1729  1730  1731  1732  1733  1734  ...  1740  1741  1742  1743  1744  1745  1746  1747  1748  1749');
    expect(lines.at(-1)).toBe('[70 rows x 25 columns]');
  });

  test('series: values beside positions or labels, then name and dtype', () => {
    expect(new Series([1.5, 2], { index: ['a', 'bb'] }).toString()).toBe('a     1.5\nbb    2.0\ndtype: number');
    expect(new Series([1.5, NaN], { name: 'foo' }).toString()).toBe('0    1.5\n1    NaN\nName: foo, dtype: number');
    expect(new Series(['x', null], { name: 's' }).toString()).toBe('0      x\n1    NaN\nName: s, dtype: object');
    const long = new Series(Array.from({ length: 70 }, (_, k) => k), { name: 'n' }).toString().split('\n');
    expect(long.slice(4, 7)).toEqual(['4      4', '      ..', '65    65']);
    expect(long.at(-1)).toBe('Name: n, Length: 70, dtype: number');
    expect(new Series([]).toString()).toBe('Series([], dtype: number)');
  });
});
