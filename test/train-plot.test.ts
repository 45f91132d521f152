import { lineChartSvg, niceTicks } from '../bindings/train/plot.js';
import { ProgressBar } from '../bindings/train/progress.js';
import { checkWellFormedXml } from './train-xml.js';

describe('SVG line chart', () => {
  test('is well-formed with one polyline per series and a marker per point', () => {
    const svg = lineChartSvg(
      [{ name: 'train loss', values: [0.9, 0.6, 0.5] }, { name: 'test acc <&>', values: [0.7, 0.8, null] }],
      { title: 'MLP "fashion" & co', xLabel: 'epoch' },
    );
    const names = checkWellFormedXml(svg);
    expect(names[0]).toBe('svg');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(names.filter((n) => n === 'polyline')).toHaveLength(2);
    expect(names.filter((n) => n === 'circle')).toHaveLength(5);
    expect(svg).toContain('test acc &lt;&amp;&gt;');
    expect(svg).toContain('MLP &quot;fashion&quot; &amp; co');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  test('points are placed in order: higher values are drawn higher (smaller y)', () => {
    const svg = lineChartSvg([{ name: 'a', values: [1, 3, 2] }]);
    const pts = /points="([^"]+)"/.exec(svg)![1].split(' ').map((p) => p.split(',').map(Number));
    expect(pts[0][0]).toBeLessThan(pts[1][0]);
    expect(pts[1][0]).toBeLessThan(pts[2][0]);
    expect(pts[1][1]).toBeLessThan(pts[2][1]);
    expect(pts[2][1]).toBeLessThan(pts[0][1]);
  });

  test('one point, empty series, constant values: still well-formed and finite', () => {
    for (const values of [[0.5], [], [2, 2, 2]]) {
      const svg = lineChartSvg([{ name: 's', values }]);
      checkWellFormedXml(svg);
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
  });

  test('nice ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1, 10, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(niceTicks(0.31, 0.92)).toEqual([0.4, 0.6, 0.8]);
  });
});

describe('ProgressBar', () => {
  function sink(isTTY: boolean) {
    const chunks: string[] = [];
    return { chunks, stream: { isTTY, columns: 80, write: (s: string) => chunks.push(s) } };
  }

  test('on a terminal it redraws one line and ends it with the epoch summary', () => {
    const { chunks, stream } = sink(true);
    const bar = new ProgressBar(stream);
    bar.start();
    for (let i = 1; i <= 4; i++) bar.update('epoch 1/2', i, 4);
    bar.line('epoch 1/2 done');
    expect(chunks[0]).toMatch(/^\repoch 1\/2 \[#+\.*\] 1\/4/);
    expect(chunks.at(-2)).toMatch(/\[#+\] 4\/4/);
    expect(chunks.at(-1)).toBe('\repoch 1/2 done\x1b[K\n');
  });

  test('not on a terminal it prints only plain lines', () => {
    const { chunks, stream } = sink(false);
    const bar = new ProgressBar(stream);
    bar.start();
    for (let i = 1; i <= 4; i++) bar.update('epoch 1/2', i, 4);
    bar.line('epoch 1/2 done');
    expect(chunks).toEqual(['epoch 1/2 done\n']);
  });
});
