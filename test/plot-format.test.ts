import { ValueError } from '../bindings/errors.js';
import { assignColors, colorDistance, cycleColor, TAB10, viridis } from '../bindings/plot/colors.js';
import { parseColor, parseFmt } from '../bindings/plot/format.js';
import { seriesStyles } from '../bindings/plot/options.js';

describe('format strings', () => {
  test.each([
    ['-', { color: null, lineStyle: '-', marker: null }],
    ['m--', { color: '#bf00bf', lineStyle: '--', marker: null }],
    ['g-.', { color: '#008000', lineStyle: '-.', marker: null }],
    ['r:', { color: '#ff0000', lineStyle: ':', marker: null }],
    ['o', { color: null, lineStyle: null, marker: 'o' }],
    ['bx', { color: '#0000ff', lineStyle: null, marker: 'x' }],
    ['k^-', { color: '#000000', lineStyle: '-', marker: '^' }],
    ['--s', { color: null, lineStyle: '--', marker: 's' }],
    ['C1*:', { color: TAB10[1], lineStyle: ':', marker: '*' }],
    ['', { color: null, lineStyle: '-', marker: null }],
    ['#aa3311', { color: '#aa3311', lineStyle: '-', marker: null }],
  ])('%s', (fmt, want) => {
    expect(parseFmt(fmt)).toEqual(want);
  });

  test('every marker symbol is read', () => {
    for (const m of ['o', '.', 'x', '+', '*', 's', '^', 'v', 'd']) expect(parseFmt(m).marker).toBe(m);
  });

  test('bad formats are ValueErrors that name the argument and the problem', () => {
    expect(() => parseFmt('q-', 'plot: fmts[1]')).toThrow(new ValueError("plot: fmts[1]: format 'q-' has an unrecognised character 'q'"));
    expect(() => parseFmt('rg')).toThrow(/two colours/);
    expect(() => parseFmt('--:')).toThrow(/two line styles/);
    expect(() => parseFmt('ox')).toThrow(/two markers/);
    expect(() => parseFmt(3 as unknown as string)).toThrow(ValueError);
  });

  test('colours', () => {
    expect(['r', 'C0', '#123', 'steelblue'].map((c) => parseColor(c))).toEqual(['#ff0000', TAB10[0], '#123', 'steelblue']);
    expect(() => parseColor('rgb(1,2,3)', 'scatter: c')).toThrow(new ValueError("scatter: c: 'rgb(1,2,3)' is not a colour"));
  });
});

describe('colours of series', () => {
  test("d2l's default formats: C0 blue, magenta, green, red", () => {
    expect(seriesStyles('plot', undefined, 4).map((s) => [s.color, s.lineStyle])).toEqual([
      ['#1f77b4', '-'], ['#bf00bf', '--'], ['#008000', '-.'], ['#ff0000', ':'],
    ]);
  });

  test('more series than formats: styles repeat, colours do not, and none is close to another', () => {
    for (const [n, apart] of [[10, 25], [30, 20]]) {
      const styles = seriesStyles('plot', undefined, n);
      expect(styles[4].lineStyle).toBe('-');
      expect(styles[5].lineStyle).toBe('--');
      const colors = styles.map((s) => s.color);
      expect(new Set(colors).size).toBe(n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(colorDistance(colors[i], colors[j])).toBeGreaterThanOrEqual(apart);
    }
  });

  test('the cycle is tab10, then further hues', () => {
    expect(Array.from({ length: 10 }, (_, i) => cycleColor(i))).toEqual([...TAB10]);
    const extra = Array.from({ length: 40 }, (_, i) => cycleColor(10 + i));
    for (const c of extra) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(extra).size).toBe(40);
  });

  test('cycle colours skip colours too close to an explicit one (closer than any two tab10 colours)', () => {
    expect(assignColors(['#d62728', null, null, null, null]).slice(1)).toEqual(['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd']);
    expect(assignColors(['#008000', null, null, null]).slice(1)).toEqual(['#1f77b4', '#ff7f0e', '#d62728']);
    expect(assignColors(['steelblue', null])).toEqual(['steelblue', '#1f77b4']);
  });

  test('colour distance is perceptual (CIELAB): tab10 green is near "g", cyan C9 is far from blue C0', () => {
    expect(colorDistance('#2ca02c', '#008000')).toBeLessThan(15);
    expect(colorDistance('#1f77b4', '#17becf')).toBeGreaterThan(40);
    expect(colorDistance('#000', '#ffffff')).toBeCloseTo(100, 0);
  });

  test('viridis runs from dark purple to yellow', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(NaN)).toBe('#440154');
  });
});
