import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classCounts } from '../bindings/data/dataset.js';
import { loadFashionMnistWithReport, loadMnistWithReport } from '../bindings/data/node/image-packages.js';
import { packageDir } from '../bindings/data/node/cache.js';
import type { ImageSet } from '../bindings/data/image-set.js';

// One parse of the package JSON into a fresh cache directory; every other test reads that cache.
const dir = mkdtempSync(join(tmpdir(), 'webgrad-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sameData(a: ImageSet, b: ImageSet): boolean {
  const eq = (x: ArrayLike<number>, y: ArrayLike<number>) => x.length === y.length && Buffer.compare(
    Buffer.from((x as Float32Array).buffer, (x as Float32Array).byteOffset, (x as Float32Array).byteLength),
    Buffer.from((y as Float32Array).buffer, (y as Float32Array).byteOffset, (y as Float32Array).byteLength)) === 0;
  return eq(a.train.x, b.train.x) && eq(a.train.y, b.train.y) && eq(a.test.x, b.test.x) && eq(a.test.y, b.test.y);
}

describe('Fashion-MNIST', () => {
  let first: ImageSet;

  test('builds the cache from the package: 60,000 / 10,000, 6,000 / 1,000 per class', () => {
    const { data, report } = loadFashionMnistWithReport({ cacheDir: dir });
    first = data;
    expect(report.builtCache).toBe(true);
    expect(data.train.length).toBe(60_000);
    expect(data.test.length).toBe(10_000);
    expect(data.train.exampleShape).toEqual([784]);
    expect(data.train.x.length).toBe(60_000 * 784);
    expect(classCounts(data.train, 10)).toEqual(new Array(10).fill(6000));
    expect(classCounts(data.test, 10)).toEqual(new Array(10).fill(1000));
    expect(data.classes).toHaveLength(10);
  });

  test('pixels lie in [0, 1] and are the package bytes / 255', () => {
    let min = Infinity, max = -Infinity;
    for (const v of first.train.x) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    // 0.json has empty rows at 1000 and 7001: train image 1000 of class 0 is row 1001, and the
    // first class-1 training image is row 0 of 1.json; test image 0 of class 0 is row 6001.
    const rows = JSON.parse(readFileSync(join(packageDir('fashion-mnist'), 'src/clothes/0.json'), 'utf8')).data;
    const image = (d: ImageSet['train'], i: number) => Array.from(d.x.subarray(i * 784, (i + 1) * 784));
    const scaled = (row: number[]) => Array.from(Float32Array.from(row, (v) => v / 255));
    expect(image(first.train, 1000)).toEqual(scaled(rows[1001]));
    expect(image(first.train, 999)).toEqual(scaled(rows[999]));
    expect(image(first.test, 0)).toEqual(scaled(rows[6001]));
    expect(first.train.y[1000]).toBe(0);
    expect(first.train.y[6000]).toBe(1);
  });

  test('a second load reads the cache and gives identical data', () => {
    const { data, report } = loadFashionMnistWithReport({ cacheDir: dir });
    expect(report.builtCache).toBe(false);
    expect(sameData(first, data)).toBe(true);
  });

  test('a reduced subset: n per class from each split', () => {
    const { data } = loadFashionMnistWithReport({ cacheDir: dir, trainPerClass: 20, testPerClass: 5 });
    expect(classCounts(data.train, 10)).toEqual(new Array(10).fill(20));
    expect(classCounts(data.test, 10)).toEqual(new Array(10).fill(5));
    expect(Array.from(data.train.x.subarray(0, 784))).toEqual(Array.from(first.train.x.subarray(0, 784)));
  });
});

describe('MNIST', () => {
  test('8,000 / 2,000 digits, 200 test images per class, pixels in [0, 1]', () => {
    const { data, report } = loadMnistWithReport({ cacheDir: dir });
    expect(report.builtCache).toBe(true);
    expect(data.train.length + data.test.length).toBe(10_000);
    expect(classCounts(data.test, 10)).toEqual(new Array(10).fill(200));
    expect(data.train.x.every((v) => v >= 0 && v <= 1)).toBe(true); // Array.prototype.every: no per-element global lookups
    const again = loadMnistWithReport({ cacheDir: dir });
    expect(again.report.builtCache).toBe(false);
    expect(sameData(data, again.data)).toBe(true);
  });

  test('a damaged cache file is rebuilt, not trusted', () => {
    const path = join(dir, 'mnist.safetensors');
    const good = loadMnistWithReport({ cacheDir: dir }).data;
    writeFileSync(path, readFileSync(path).subarray(0, 1000));
    const { data, report } = loadMnistWithReport({ cacheDir: dir });
    expect(report.builtCache).toBe(true);
    expect(sameData(good, data)).toBe(true);
  });
});
