import fc from 'fast-check';
import { formatNumber, linearTickLabels, logTickLabels } from '../bindings/plot/labels.js';
import { axisDomain, Scale } from '../bindings/plot/scale.js';
import { logMinorTicks, logTicks, niceTicks } from '../bindings/plot/ticks.js';
import { niceTicks as trainNiceTicks } from '../bindings/train/plot.js';

function expectEvenlySpacedInside(ticks: number[], lo: number, hi: number): void {
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  for (const t of ticks) {
    expect(t).toBeGreaterThanOrEqual(lo - Math.abs(hi - lo) * 1e-9);
    expect(t).toBeLessThanOrEqual(hi + Math.abs(hi - lo) * 1e-9);
  }
  const step = ticks[1] - ticks[0];
  for (let i = 1; i < ticks.length; i++) expect(Math.abs(ticks[i] - ticks[i - 1] - step)).toBeLessThanOrEqual(Math.abs(step) * 1e-6);
}

describe('linear ticks', () => {
  test('[0.01, 0.99] gets ticks even when asked for one interval (it used to get none)', () => {
    expect(niceTicks(0.01, 0.99, 1)).toEqual([0.25, 0.5, 0.75]);
    expect(niceTicks(0.01, 0.99)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(trainNiceTicks(0.01, 0.99, 1)).toEqual([0.25, 0.5, 0.75]);
  });

  test('round decimal values, no float noise', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(-0.7, -0.2)).toEqual([-0.7, -0.6, -0.5, -0.4, -0.3, -0.2]);
  });

  test('tiny and huge spans, negative ranges, either order', () => {
    expect(niceTicks(0, 1e-12)).toEqual([0, 2e-13, 4e-13, 6e-13, 8e-13, 1e-12]);
    expectEvenlySpacedInside(niceTicks(1, 1 + 1e-12), 1, 1 + 1e-12);
    expect(niceTicks(-5e12, 3e12)).toEqual([-4e12, -2e12, 0, 2e12]);
    expect(niceTicks(3e12, -5e12)).toEqual([-4e12, -2e12, 0, 2e12]);
    expectEvenlySpacedInside(niceTicks(-1e-9, -9e-10), -1e-9, -9e-10);
  });

  test('a constant range (or one below 1e-280) is one tick; non-finite bounds give none', () => {
    expect(niceTicks(2, 2)).toEqual([2]);
    expect(niceTicks(0, 5e-324)).toEqual([0]);
    expect(niceTicks(NaN, 1)).toEqual([]);
    expect(niceTicks(0, Infinity)).toEqual([]);
  });

  test('any finite range lo < hi gets 2 to count + 1 evenly spaced ticks inside it', () => {
    const finite = fc.double({ min: -1e15, max: 1e15, noNaN: true });
    fc.assert(fc.property(finite, finite, fc.integer({ min: 1, max: 9 }), (a, b, count) => {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      fc.pre(hi - lo > Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12 && hi - lo > 1e-280);
      const ticks = niceTicks(lo, hi, count);
      expectEvenlySpacedInside(ticks, lo, hi);
      expect(ticks.length).toBeLessThanOrEqual(Math.max(count + 1, 5));
      const { labels, corner } = linearTickLabels(ticks);
      expect(new Set(labels).size).toBe(ticks.length);
      expect(labels.join(' ') + corner).not.toMatch(/NaN|Infinity|undefined|e\+/);
    }), { numRuns: 500 });
  });
});

describe('log ticks', () => {
  test('[1e-5, 1e3] gets a tick per decade, labelled 10⁻⁵ … 10³', () => {
    const ticks = logTicks(1e-5, 1e3, 9);
    expect(ticks).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]);
    expect(logTickLabels(ticks)).toEqual(['10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²', '10⁻¹', '10⁰', '10¹', '10²', '10³']);
  });

  test('many decades take every n-th; narrow ranges take 1-2-5 multiples', () => {
    expect(logTicks(1e-30, 1e30, 4)).toEqual([1e-16, 1, 1e16]);
    expect(logTicks(1e-5, 1e3, 5)).toEqual([1e-4, 1e-2, 1, 100]);
    expect(logTicks(2, 30)).toEqual([2, 5, 10, 20]);
    expect(logTickLabels([2, 5, 10, 20])).toEqual(['2', '5', '10', '20']);
    expectEvenlySpacedInside(logTicks(2.1, 2.9), 2.1, 2.9);
    expect(logTicks(0, 10)).toEqual([]);
  });

  test('minor ticks sit between decades', () => {
    expect(logMinorTicks(1, 100)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 20, 30, 40, 50, 60, 70, 80, 90]);
  });
});

describe('tick labels', () => {
  test('decimals follow the step, minus signs are real minus signs', () => {
    expect(linearTickLabels([0, 0.25, 0.5]).labels).toEqual(['0.00', '0.25', '0.50']);
    expect(linearTickLabels([-2, -1, 0, 1]).labels).toEqual(['−2', '−1', '0', '1']);
    expect(linearTickLabels([100, 200]).corner).toBe('');
  });

  test('huge and tiny values share a power of ten; values far from zero share an offset', () => {
    expect(linearTickLabels([0, 5e11, 1e12])).toEqual({ labels: ['0.0', '0.5', '1.0'], corner: '×10¹²' });
    expect(linearTickLabels([0, 5e-13, 1e-12])).toEqual({ labels: ['0.0', '0.5', '1.0'], corner: '×10⁻¹²' });
    const nearOne = linearTickLabels(niceTicks(1, 1 + 1e-12));
    expect(nearOne.corner).toBe('×10⁻¹² +1');
    expect(nearOne.labels[0]).toBe('0.00');
    expect(nearOne.labels.at(-1)).toBe('1.00');
    expect(new Set(nearOne.labels).size).toBe(nearOne.labels.length);
  });

  test('formatNumber', () => {
    expect([0, 0.5, -1234.5, 1e-7, 2.5e9, NaN].map(formatNumber)).toEqual(['0', '0.5', '−1234.5', '1e−7', '2.5e9', '']);
  });
});

describe('axis domain', () => {
  test('data range with 5 % margins; fixed limits are kept exactly, one side may autoscale', () => {
    expect(axisDomain('linear', [0, 10])).toEqual([-0.5, 10.5]);
    expect(axisDomain('linear', [0, 10], [1, 5])).toEqual([1, 5]);
    expect(axisDomain('linear', [0, 10], [0, null])).toEqual([0, 10.5]);
    expect(axisDomain('linear', [0, 10], [5, 1])).toEqual([5, 1]);
  });

  test('constant, single, empty and non-finite data still give a finite, non-empty range', () => {
    const [a, b] = axisDomain('linear', [3, 3, 3]);
    expect(a).toBeLessThan(3);
    expect(b).toBeGreaterThan(3);
    expect(axisDomain('linear', [])).toEqual([0, 1]);
    expect(axisDomain('linear', [NaN, Infinity, -Infinity])).toEqual([0, 1]);
    expect(axisDomain('log', [-1, 0])).toEqual([1, 10]);
    const [lo, hi] = axisDomain('log', [1e-5, 1e3]);
    expect(lo).toBeLessThan(1e-5);
    expect(hi).toBeGreaterThan(1e3);
    expect(axisDomain('log', [5])).toEqual([0.5, 50].map((v, i) => expect.closeTo(v * (i ? 10 ** 0.1 : 10 ** -0.1), 6)));
  });

  test('a scale maps the domain onto its pixels (log in decades) and leaves undrawable values out', () => {
    const lin = new Scale('linear', [0, 10], [100, 200]);
    expect(lin.px(5)).toBe(150);
    const log = new Scale('log', [1, 1000], [0, 300]);
    expect(log.px(10)).toBeCloseTo(100, 9);
    expect(log.px(0)).toBeNaN();
    expect(log.px(-1)).toBeNaN();
    expect(lin.px(Infinity)).toBeNaN();
  });
});
