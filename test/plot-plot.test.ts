import fc from 'fast-check';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { ShapeError, ValueError } from '../bindings/errors.js';
import { colorDistance } from '../bindings/plot/colors.js';
import { decimate } from '../bindings/plot/lines.js';
import { plot, type PlotOptions } from '../bindings/plot/plot.js';
import { scatter } from '../bindings/plot/scatter.js';
import { tensor } from '../bindings/tensor.js';
import { canvasSize, checkSvg, elements, expectInsideCanvas, lineColors, polylinePoints } from './plot-svg.js';

const x = Array.from({ length: 30 }, (_, i) => i / 10);
const f = (v: number) => 3 * v * v - 4 * v;

/** The nested <svg> that holds the data: the plot area. */
function plotArea(svg: string) {
  const a = elements(svg, 'svg')[1].attrs;
  return { x0: Number(a.x), y0: Number(a.y), x1: Number(a.x) + Number(a.width), y1: Number(a.y) + Number(a.height) };
}

function texts(svg: string): string[] {
  return elements(svg, 'text').map((t) => t.text);
}

describe('plot(): every option gives a well-formed picture inside its canvas', () => {
  const options: [string, PlotOptions][] = [
    ['defaults', {}],
    ['labels and legend', { xlabel: 'x', ylabel: 'f(x)', legend: ['f(x)', 'Tangent line (x=1)'] }],
    ['limits', { xlim: [0.5, 2], ylim: [-2, 4] }],
    ['one-sided limit', { ylim: [0, null] }],
    ['log y', { yscale: 'log' }],
    ['log x and y', { xscale: 'log', yscale: 'log' }],
    ['formats with markers', { fmts: ['ro-', 'b^', 'k:x'] }],
    ['figsize', { figsize: [6, 2] }],
    ['tiny figsize', { figsize: [0.5, 0.4], xlabel: 'a rather long x label', ylabel: 'y', title: 'title' }],
    ['title', { title: 'Plot <&> "quotes"' }],
  ];
  test.each(options)('%s', (_, o) => {
    const svg = plot(x, [x.map(f), x.map((v) => 2 * v - 3)], o);
    checkSvg(svg);
    expectInsideCanvas(svg);
  });

  test('figsize is in inches at 100 px per inch; d2l default 3.5 × 2.5', () => {
    expect(canvasSize(plot([1, 2]))).toEqual({ width: 350, height: 250 });
    expect(canvasSize(plot([1, 2], { figsize: [6, 2] }))).toEqual({ width: 600, height: 200 });
  });

  test('text is escaped', () => {
    const svg = plot([1, 2], { title: 'A <b> & "c"', legend: ['<&>'] });
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).toContain('&lt;&amp;&gt;');
  });

  test('a title or label longer than the figure grows the canvas instead of running off it', () => {
    const svg = plot([1, 2], { title: 'a very long title '.repeat(4), ylabel: 'a long y label '.repeat(3) });
    checkSvg(svg);
    expectInsideCanvas(svg);
    expect(canvasSize(svg).width).toBeGreaterThan(350);
    expect(canvasSize(svg).height).toBeGreaterThan(250);
  });
});

describe("plot(): d2l's argument conventions", () => {
  test('without Y, X holds the values and x is the index 0, 1, 2 …', () => {
    const svg = plot([5, 7, 6]);
    const [line] = elements(svg, 'polyline');
    const pts = polylinePoints(line);
    expect(pts).toHaveLength(3);
    expect(pts[0][0]).toBeLessThan(pts[1][0]);
    expect(pts[1][1]).toBeLessThan(pts[2][1]);
    expect(texts(svg)).toContain('0.0');
  });

  test('one X serves several Ys; lists pair up; a 2-D tensor-like is one series per row', () => {
    expect(elements(plot(x, [x.map(f), x, x.map(Math.sin)]), 'polyline')).toHaveLength(3);
    expect(elements(plot([[0, 1], [0, 1, 2]], [[1, 2], [3, 2, 1]]), 'polyline')).toHaveLength(2);
    const rows = { shape: [4, 5], dataSync: () => Float32Array.from({ length: 20 }, (_, i) => i % 7) };
    expect(elements(plot(rows), 'polyline')).toHaveLength(4);
    expect(elements(plot([0, 1, 2, 3, 4], rows), 'polyline')).toHaveLength(4);
  });

  test('typed arrays, webgrad tensors, tolist() objects and nested arrays all read the same', () => {
    const backend = new CpuBackend();
    const want = plot([0, 1, 2], [1, 4, 9]);
    expect(plot(Float32Array.of(0, 1, 2), Float64Array.of(1, 4, 9))).toBe(want);
    expect(plot(tensor([0, 1, 2], [3], { backend }), tensor([1, 4, 9], [3], { backend }))).toBe(want);
    expect(plot({ tolist: () => [0, 1, 2] }, { tolist: () => [[1, 4, 9]] })).toBe(want);
    expect(plot(tensor([0, 1, 2], [3], { backend }), [tensor([1, 4, 9], [3], { backend })])).toBe(want);
    expect(elements(plot(tensor([1, 2, 3, 4, 5, 6], [2, 3], { backend })), 'polyline')).toHaveLength(2);
  });

  test('plot(y, options) takes the second argument as options', () => {
    expect(plot([1, 3, 2], { title: 'T' })).toBe(plot([0, 1, 2], [1, 3, 2], { title: 'T' }));
  });

  test('mismatched inputs are ShapeError or ValueError naming what is wrong', () => {
    expect(() => plot([1, 2, 3], [1, 2])).toThrow(new ShapeError('plot: X[0] has 3 values but Y[0] has 2'));
    expect(() => plot([[1], [2]], [[1], [2], [3]])).toThrow(ValueError);
    expect(() => plot({ shape: [2, 2, 2], dataSync: () => new Float32Array(8) })).toThrow(ShapeError);
    expect(() => plot({ shape: [3], dataSync: () => new Float32Array(2) })).toThrow(ShapeError);
    expect(() => plot(['a'] as unknown as number[])).toThrow(ValueError);
    expect(() => plot(undefined as unknown as number[])).toThrow(ValueError);
  });

  test.each([
    [{ xscale: 'sqrt' }, /xscale must be 'linear' or 'log'/],
    [{ xlim: [0] }, /xlim must be \[lo, hi\]/],
    [{ ylim: [0, NaN] }, /ylim must hold finite numbers/],
    [{ yscale: 'log', ylim: [0, 1] }, /ylim must be positive on a log axis/],
    [{ figsize: [-1, 2] }, /figsize/],
    [{ legend: [1, 2] }, /legend must be an array of strings/],
    [{ fmts: ['-', 'q'] }, /fmts\[1\]/],
    [{ fmts: [] }, /fmts/],
    [{ xlabel: 3 }, /xlabel must be a string/],
  ])('bad option %j', (o, message) => {
    expect(() => plot([1, 2], [1, 2], o as unknown as PlotOptions)).toThrow(ValueError);
    expect(() => plot([1, 2], [1, 2], o as unknown as PlotOptions)).toThrow(message);
  });
});

describe('plot(): formats, gaps and edge ranges', () => {
  test('a format with a marker and no line style draws markers only', () => {
    const svg = plot(x, [x.map(f)], { fmts: ['o'] });
    expect(elements(svg, 'polyline')).toHaveLength(0);
    expect(elements(svg, 'circle')).toHaveLength(30);
    const both = plot(x, [x.map(f)], { fmts: ['gs-'] });
    expect(elements(both, 'polyline')).toHaveLength(1);
    expect(elements(both, 'polygon')).toHaveLength(30);
  });

  test('a series inside the axes is one unbroken polyline through every point', () => {
    const lines = elements(plot(x, x.map((v) => Math.sin(7 * v) / (v + 0.3))), 'polyline');
    expect(lines).toHaveLength(1);
    expect(polylinePoints(lines[0])).toHaveLength(30);
  });

  test('100 000 points draw as at most four per pixel column, keeping each column\'s extremes', () => {
    const n = 100_000;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((v) => Math.sin(v / 5000) + (v % 2 ? 0.2 : -0.2));
    const svg = plot(xs, ys);
    expect(svg.length).toBeLessThan(60_000);
    const pts = polylinePoints(elements(svg, 'polyline')[0]);
    const area = plotArea(svg);
    expect(pts.length).toBeLessThanOrEqual(4 * Math.ceil(area.x1 - area.x0 + 2));
    const full = decimate([0, 5, 0.2, 9, 0.4, 1, 0.6, 4, 1.5, 2]);
    expect(full).toEqual([0, 5, 0.2, 9, 0.4, 1, 0.6, 4, 1.5, 2]);
    expect(decimate([0, 5, 0.1, 6, 0.2, 9, 0.3, 1, 0.4, 3, 0.6, 4, 1.5, 2])).toEqual([0, 5, 0.2, 9, 0.3, 1, 0.6, 4, 1.5, 2]);
  });

  test('line styles become dash patterns', () => {
    const dashes = elements(plot(x, [x, x, x, x]), 'polyline').map((p) => p.attrs['stroke-dasharray']);
    expect(dashes[0]).toBeUndefined();
    expect(dashes.slice(1).every((d) => /^[\d. ]+$/.test(d))).toBe(true);
    expect(new Set(dashes).size).toBe(4);
  });

  test('NaN, ±Infinity and null break the line; nothing non-finite reaches the SVG', () => {
    const svg = plot([0, 1, 2, 3, 4, 5, 6, 7], [1, 2, NaN, 3, 4, Infinity, 5, 6]);
    checkSvg(svg);
    expect(elements(svg, 'polyline')).toHaveLength(3);
    expect(elements(plot([1, null, 3, 4]), 'polyline')).toHaveLength(1);
    checkSvg(plot([NaN, NaN]));
    checkSvg(plot([-Infinity, Infinity]));
  });

  test.each([
    ['[0.01, 0.99]', [0.01, 0.5, 0.99], [1, 3, 2]],
    ['tiny span', [0, 1, 2], [1, 1 + 5e-13, 1 + 1e-12]],
    ['huge', [-1e12, 0, 1e12], [3e12, -2e12, 1e12]],
    ['negative', [-3, -2, -1], [-0.7, -0.2, -0.5]],
    ['constant', [1, 2, 3], [2, 2, 2]],
    ['single point', [3], [7]],
    ['empty', [], []],
    ['extreme', [0, 1], [-1e308, 1e308]],
  ])('%s: well-formed, inside the canvas, at least two ticks per axis', (_, xs, ys) => {
    const svg = plot(xs, ys, { fmts: ['o-'] });
    checkSvg(svg);
    expectInsideCanvas(svg);
    const area = plotArea(svg);
    const grid = elements(svg, 'line').filter((l) => l.attrs.x1 !== l.attrs.x2 || l.attrs.y1 !== l.attrs.y2);
    const vertical = grid.filter((l) => l.attrs.x1 === l.attrs.x2 && Number(l.attrs.y1) === area.y0);
    const horizontal = grid.filter((l) => l.attrs.y1 === l.attrs.y2 && Number(l.attrs.x1) === area.x0);
    expect(vertical.length).toBeGreaterThanOrEqual(2);
    expect(horizontal.length).toBeGreaterThanOrEqual(2);
  });

  test('[0.01, 0.99] puts the points where they belong (no NaN coordinates)', () => {
    const svg = plot([0.01, 0.5, 0.99], [1, 3, 2]);
    const pts = polylinePoints(elements(svg, 'polyline')[0]);
    const area = plotArea(svg);
    expect(pts[1][0]).toBeCloseTo((pts[0][0] + pts[2][0]) / 2, 0);
    for (const [px, py] of pts) {
      expect(px).toBeGreaterThan(area.x0);
      expect(px).toBeLessThan(area.x1);
      expect(py).toBeGreaterThan(area.y0);
      expect(py).toBeLessThan(area.y1);
    }
  });

  test('huge and tiny values label the axis with a shared power of ten', () => {
    expect(texts(plot([0, 1], [0, 1e12]))).toContain('×10¹²');
    expect(texts(plot([0, 1], [0, 1e-12]))).toContain('×10⁻¹²');
    expect(texts(plot([0, 1], [1, 1 + 1e-12]))).toContain('×10⁻¹² +1');
  });

  test('a log axis over [1e-5, 1e3] has decade labels; values <= 0 are left out', () => {
    const ys = [1e-5, 1e-3, 1e-1, 10, 1e3];
    const svg = plot([1, 2, 3, 4, 5], ys, { yscale: 'log' });
    checkSvg(svg);
    const labels = texts(svg);
    for (const l of ['10⁻⁵', '10⁻³', '10⁻¹', '10¹', '10³']) expect(labels).toContain(l);
    const withZero = plot([1, 2, 3, 4], [1, 0, -1, 10], { yscale: 'log' });
    checkSvg(withZero);
    expect(elements(withZero, 'polyline')).toHaveLength(0);
  });

  test('limits clip: no drawn point leaves the plot area by more than twice the line width', () => {
    const svg = plot(x, [x.map((v) => 100 * Math.sin(5 * v))], { xlim: [0.5, 2], ylim: [-10, 10] });
    const area = plotArea(svg);
    for (const line of elements(svg, 'polyline'))
      for (const [px, py] of polylinePoints(line)) {
        expect(px).toBeGreaterThanOrEqual(area.x0 - 4.2);
        expect(px).toBeLessThanOrEqual(area.x1 + 4.2);
        expect(py).toBeGreaterThanOrEqual(area.y0 - 4.2);
        expect(py).toBeLessThanOrEqual(area.y1 + 4.2);
      }
  });

  test('values of ±1e308 against small limits still draw as lines heading off the axes', () => {
    const svg = plot([0, 1, 2, 3], [1e308, -1e308, 0.5, 1e308], { ylim: [0, 1] });
    checkSvg(svg);
    const lines = elements(svg, 'polyline');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) for (const p of polylinePoints(line)) expect(p.every(Number.isFinite)).toBe(true);
  });

  test('xlim with lo > hi inverts the axis', () => {
    const pts = polylinePoints(elements(plot([0, 10], [1, 2], { xlim: [10, 0] }), 'polyline')[0]);
    expect(pts[0][0]).toBeGreaterThan(pts[1][0]);
  });
});

describe('legends', () => {
  test('10 series: every label inside the canvas, 10 distinct colours', () => {
    const legend = Array.from({ length: 10 }, (_, k) => `series number ${k}`);
    const svg = plot(x, legend.map((_, k) => x.map((v) => Math.sin(v + k))), { legend });
    checkSvg(svg);
    expectInsideCanvas(svg);
    const colors = lineColors(svg);
    expect(new Set(colors).size).toBe(10);
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) expect(colorDistance(colors[i], colors[j])).toBeGreaterThan(25);
    for (const l of legend) expect(texts(svg)).toContain(l);
    const handles = elements(svg, 'line').filter((l) => l.attrs.stroke && l.attrs.stroke !== 'black');
    expect(handles.map((h) => h.attrs.stroke)).toEqual(colors);
  });

  test('a small legend sits inside the axes, away from the data', () => {
    const svg = plot(x, [x.map((v) => v), x.map((v) => v / 2)], { legend: ['a', 'b'] });
    const frame = elements(svg, 'rect').find((r) => r.attrs.stroke === '#cccccc')!;
    const area = plotArea(svg);
    expect(Number(frame.attrs.x)).toBeGreaterThan(area.x0);
    expect(Number(frame.attrs.x) + Number(frame.attrs.width)).toBeLessThan(area.x1);
    // Both lines rise to the right: the upper left corner is free.
    expect(Number(frame.attrs.x)).toBeLessThan((area.x0 + area.x1) / 2);
    expect(Number(frame.attrs.y)).toBeLessThan((area.y0 + area.y1) / 2);
    expect(canvasSize(svg)).toEqual({ width: 350, height: 250 });
  });

  test('60 series with long names: the legend wraps into columns and the canvas grows to hold it', () => {
    const legend = Array.from({ length: 60 }, (_, k) => `a long series name ${k}`);
    const svg = plot(x, legend.map((_, k) => x.map((v) => v * k)), { legend });
    checkSvg(svg);
    expectInsideCanvas(svg);
    expect(new Set(lineColors(svg)).size).toBe(60);
  });

  test('fewer names than series: only the named ones get entries', () => {
    const svg = plot(x, [x, x, x], { legend: ['only one'] });
    expect(texts(svg)).toContain('only one');
    expect(elements(svg, 'rect').filter((r) => r.attrs.stroke === '#cccccc')).toHaveLength(1);
    expect(elements(svg, 'line').filter((l) => l.attrs.stroke && l.attrs.stroke !== 'black')).toHaveLength(1);
  });
});

describe('scatter()', () => {
  const xs = Array.from({ length: 50 }, (_, i) => Math.cos(i));
  const ys = xs.map((v, i) => v * 2 + Math.sin(i * 7));

  test('markers only: one per point, never a polyline', () => {
    const svg = scatter(xs, ys, { xlabel: 'x', ylabel: 'y', title: 'points' });
    checkSvg(svg);
    expectInsideCanvas(svg);
    expect(elements(svg, 'polyline')).toHaveLength(0);
    expect(elements(svg, 'circle')).toHaveLength(50);
  });

  test('per-point sizes (area in pt²) and colours (strings, or numbers through viridis)', () => {
    const sizes = xs.map((_, i) => (i + 1) * 4);
    const radii = elements(scatter(xs, ys, { s: sizes }), 'circle').map((c) => Number(c.attrs.r));
    expect(radii[3] / radii[0]).toBeCloseTo(2, 1);
    const fills = elements(scatter(xs, ys, { c: xs.map((_, i) => i) }), 'circle').map((c) => c.attrs.fill);
    expect(fills[0]).toBe('#440154');
    expect(fills[49]).toBe('#fde725');
    const named = elements(scatter([1, 2], [1, 2], { c: ['r', '#00ff00'] }), 'circle').map((c) => c.attrs.fill);
    expect(named).toEqual(['#ff0000', '#00ff00']);
    const square = scatter(xs, ys, { marker: 's', c: 'k', s: 1, label: 'data' });
    expect(elements(square, 'polygon').length).toBeGreaterThanOrEqual(50);
    expect(texts(square)).toContain('data');
  });

  test('bad sizes, colours and markers are typed errors', () => {
    expect(() => scatter(xs, ys, { s: [1, 2] })).toThrow(new ShapeError('scatter: s has 2 sizes for 50 points'));
    expect(() => scatter(xs, ys, { s: -1 })).toThrow(ValueError);
    expect(() => scatter([1], [1], { c: ['r', 'g'] })).toThrow(ShapeError);
    expect(() => scatter([1], [1], { marker: 'q' as 'o' })).toThrow(/marker must be one of/);
    expect(() => scatter([1, 2], [1])).toThrow(ShapeError);
    expect(() => scatter([[1], [2]], [[1], [2]])).toThrow(/one series/);
  });
});

describe('plot(): any numbers at all', () => {
  test('random series (NaN, ±Infinity, extremes, denormals) on any scale and limits: well-formed, finite, inside', () => {
    const value = fc.oneof(
      fc.double({ noNaN: false }), fc.double({ min: -10, max: 10 }), fc.constantFrom(0, 1e-300, 5e-324, -1e308, 1e308, NaN, Infinity),
    );
    const limit = fc.option(fc.tuple(fc.option(fc.double({ min: 1e-6, max: 1e6, noNaN: true })), fc.option(fc.double({ min: 1e-6, max: 1e6, noNaN: true }))));
    fc.assert(fc.property(
      fc.array(fc.array(value, { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('linear', 'log'), fc.constantFrom('linear', 'log'), limit, limit, fc.double({ min: 0.2, max: 8, noNaN: true }),
      (ys, xscale, yscale, xlim, ylim, width) => {
        const o = { xscale, yscale, xlim, ylim, legend: ys.map((_, i) => `s${i}`), fmts: ['-o'], figsize: [width, width / 2] } as PlotOptions;
        const svg = plot(ys, o);
        checkSvg(svg);
        expectInsideCanvas(svg);
      }), { numRuns: 200 });
  });
});
