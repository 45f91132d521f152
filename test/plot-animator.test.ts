import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValueError } from '../bindings/errors.js';
import { Animator } from '../bindings/plot/animator.js';
import { animatorFile } from '../bindings/train/node/index.js';
import { trainingCurvesSvg } from '../bindings/train/curves.js';
import { canvasSize, checkSvg, elements, expectInsideCanvas, polylinePoints } from './plot-svg.js';

const dir = mkdtempSync(join(tmpdir(), 'webgrad-animator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Animator', () => {
  test("fit's use: add(epoch, [loss, trainAcc, testAcc]) per epoch draws three lines and a legend", () => {
    const animator = new Animator({ xlabel: 'epoch', xlim: [1, 10], legend: ['train loss', 'train acc', 'test acc'] });
    for (let epoch = 1; epoch <= 5; epoch++) animator.add(epoch, [1 / epoch, 0.5 + epoch / 20, 0.45 + epoch / 20]);
    const svg = animator.svg();
    checkSvg(svg);
    expectInsideCanvas(svg);
    const lines = elements(svg, 'polyline');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => polylinePoints(l).length)).toEqual([5, 5, 5]);
    expect(elements(svg, 'text').map((t) => t.text)).toEqual(expect.arrayContaining(['train loss', 'train acc', 'test acc', 'epoch', '10']));
    expect(animator.count).toBe(5);
  });

  test('onUpdate gets the picture every `every` adds; flush() sends what is pending', () => {
    const pictures: string[] = [];
    const animator = new Animator({ every: 3, onUpdate: (svg) => pictures.push(svg) });
    for (let i = 0; i < 7; i++) animator.add(i, i * i);
    expect(pictures).toHaveLength(2);
    expect(elements(pictures[1], 'polyline').map((l) => polylinePoints(l).length)).toEqual([6]);
    animator.flush();
    expect(pictures).toHaveLength(3);
    expect(pictures[2]).toBe(animator.svg());
    animator.flush();
    expect(pictures).toHaveLength(3);
  });

  test("null adds no point (d2l's None: test accuracy once per epoch still draws one line); NaN leaves a gap", () => {
    const animator = new Animator({ legend: ['train', 'test'] });
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const f of [0.5, 1]) animator.add(epoch + f, [1 / (epoch + f), null]);
      animator.add(epoch + 1, [null, 0.5 + epoch / 10]);
    }
    expect(elements(animator.svg(), 'polyline').map((l) => polylinePoints(l).length)).toEqual([6, 3]);
    const gappy = new Animator();
    for (const y of [1, 2, NaN, 3, 4]) gappy.add(gappy.count, y);
    expect(elements(gappy.svg(), 'polyline')).toHaveLength(2);
  });

  test('x may be given per series; series may appear later', () => {
    const animator = new Animator();
    animator.add([0, 10], [1, 2]);
    animator.add(1, [2]);
    animator.add([2, 11, 5], [3, 1, 7]);
    const svg = animator.svg();
    checkSvg(svg);
    expect(elements(svg, 'polyline').map((l) => polylinePoints(l).length)).toEqual([3, 2]);
  });

  test('an empty animator and a grid of axes are well-formed; add() picks the axes', () => {
    checkSvg(new Animator().svg());
    const grid = new Animator({ nrows: 1, ncols: 2, figsize: [7, 2.5], xlabel: 'step' });
    grid.add(1, 1, 0);
    grid.add(2, 2, 0);
    grid.add(1, [3, 4], 1);
    grid.add(2, [4, 5], 1);
    const svg = grid.svg();
    checkSvg(svg);
    expect(canvasSize(svg)).toEqual({ width: 700, height: 250 });
    expect(elements(svg, 'polyline')).toHaveLength(3);
    expect(svg.match(/<g transform="translate\(/g)).toHaveLength(2);
  });

  test('bad arguments are ValueErrors', () => {
    expect(() => new Animator({ every: 0 })).toThrow(new ValueError('Animator: every must be a positive integer, got 0'));
    expect(() => new Animator({ nrows: 1.5 })).toThrow(ValueError);
    expect(() => new Animator({ fmts: ['zz'] })).toThrow(ValueError);
    expect(() => new Animator({ onUpdate: 3 as unknown as () => void })).toThrow(ValueError);
    const animator = new Animator();
    expect(() => animator.add(1, ['a' as unknown as number])).toThrow(/ys\[0\] must be numbers/);
    expect(() => animator.add([1, 2], [1])).toThrow(ValueError);
    expect(() => animator.add(1, 1, 1)).toThrow(/axes must be an index below 1/);
  });
});

describe('animatorFile (Node)', () => {
  test('writes the SVG every N adds and at close(), leaving no temporary files', () => {
    const path = join(dir, 'curves.svg');
    const animator = animatorFile(path, { every: 2, xlabel: 'epoch', legend: ['loss'] });
    animator.add(1, 0.9);
    expect(existsSync(path)).toBe(false);
    animator.add(2, 0.5);
    const first = readFileSync(path, 'utf8');
    checkSvg(first);
    expect(elements(first, 'polyline').map((l) => polylinePoints(l).length)).toEqual([2]);
    animator.add(3, 0.4);
    animator.close();
    const last = readFileSync(path, 'utf8');
    expect(last).toBe(animator.svg());
    expect(elements(last, 'polyline').map((l) => polylinePoints(l).length)).toEqual([3]);
    expect(readdirSync(dir)).toEqual(['curves.svg']);
  });

  test('close() writes a picture even when nothing was added', () => {
    const path = join(dir, 'empty.svg');
    animatorFile(path).close();
    checkSvg(readFileSync(path, 'utf8'));
    expect(() => animatorFile('')).toThrow(ValueError);
  });
});

describe('trainingCurvesSvg', () => {
  test("draws fit()'s history as the Animator would, d2l's styles and legend", () => {
    const history = [1, 2, 3].map((epoch) => ({
      epoch, trainLoss: 1 / epoch, trainAccuracy: 0.5 + epoch / 10, testLoss: null, testAccuracy: 0.45 + epoch / 10, steps: 10, seconds: 1, trainSeconds: 1,
    }));
    const svg = trainingCurvesSvg(history, 'MLP');
    checkSvg(svg);
    expectInsideCanvas(svg);
    expect(elements(svg, 'polyline').map((l) => [l.attrs.stroke, l.attrs['stroke-dasharray'] !== undefined])).toEqual([
      ['#1f77b4', false], ['#bf00bf', true], ['#008000', true],
    ]);
    expect(elements(svg, 'text').map((t) => t.text)).toEqual(expect.arrayContaining(['MLP', 'epoch', 'train loss', 'train acc', 'test acc']));
  });
});
