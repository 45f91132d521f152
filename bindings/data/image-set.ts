/**
 * Labelled image sets (Fashion-MNIST, MNIST) in their compact cached form and as f32 Datasets.
 * The cache is a safetensors file holding `train.images`, `train.labels`, `test.images`,
 * `test.labels` (pixels U8 0–255 or F32 in [0, 1]; labels U8), so Python can read it too.
 */
import { ValueError } from '../errors.js';
import { describe, integer, options as checkOptions } from '../validate.js';
import { decodeSafetensors, encodeSafetensors, type SafetensorsArray } from '../train/safetensors.js';
import { makeDataset, perClassIndices, type Dataset } from './dataset.js';

export const FASHION_MNIST_CLASSES = [
  't-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot',
] as const;

export const DIGIT_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** One split as stored: pixels U8 (0–255) or F32 ([0, 1]), one U8 label per image. */
export interface StoredSplit {
  readonly images: Uint8Array | Float32Array;
  readonly labels: Uint8Array;
}

export interface StoredImageSet {
  readonly name: string;
  /** Height × width of one image. */
  readonly imageShape: readonly [number, number];
  readonly train: StoredSplit;
  readonly test: StoredSplit;
}

export interface ImageSet {
  readonly name: string;
  readonly classes: readonly string[];
  /** Images flattened to [n, height*width], pixels in [0, 1]; labels U8. */
  readonly train: Dataset<Uint8Array>;
  readonly test: Dataset<Uint8Array>;
}

export interface SubsetOptions {
  /** Keep only the first n training images of each class. */
  trainPerClass?: number;
  /** Keep only the first n test images of each class. */
  testPerClass?: number;
}

function checkSplit(fn: string, argument: string, split: unknown): asserts split is StoredSplit {
  const s = split as Partial<StoredSplit> | null;
  if (!s || typeof s !== 'object' || !(s.images instanceof Uint8Array || s.images instanceof Float32Array) || !(s.labels instanceof Uint8Array))
    throw new ValueError(`${fn}: ${argument} must be { images: Uint8Array | Float32Array, labels: Uint8Array }, got ${describe(split)}`);
}

function checkStoredSet(fn: string, set: unknown): asserts set is StoredImageSet {
  const s = set as Partial<StoredImageSet> | null;
  if (!s || typeof s !== 'object' || !Array.isArray(s.imageShape) || s.imageShape.length !== 2)
    throw new ValueError(`${fn}: expected a stored image set (name, imageShape [height, width], train, test), got ${describe(set)}`);
  s.imageShape.forEach((d, i) => integer(fn, `imageShape[${i}]`, d, { min: 1 }));
  checkSplit(fn, 'train', s.train);
  checkSplit(fn, 'test', s.test);
}

export function encodeImageSet(set: StoredImageSet, metadata: Record<string, string>): Uint8Array {
  checkStoredSet('encodeImageSet', set);
  const [h, w] = set.imageShape;
  return encodeSafetensors(
    [
      ['train.images', { shape: [set.train.labels.length, h, w], data: set.train.images }],
      ['train.labels', { shape: [set.train.labels.length], data: set.train.labels }],
      ['test.images', { shape: [set.test.labels.length, h, w], data: set.test.images }],
      ['test.labels', { shape: [set.test.labels.length], data: set.test.labels }],
    ],
    { ...metadata, name: set.name },
  );
}

/** Decodes a cached image set; throws ValueError when the bytes are not one. */
export function decodeImageSet(bytes: Uint8Array): { set: StoredImageSet; metadata: Record<string, string> } {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const get = (name: string) => {
    const t = tensors.get(name);
    if (!t) throw new ValueError(`image set cache lacks tensor '${name}'`);
    return t;
  };
  const split = (prefix: string): { split: StoredSplit; shape: readonly number[] } => {
    const images = get(`${prefix}.images`), labels = get(`${prefix}.labels`);
    if (!(images.data instanceof Uint8Array || images.data instanceof Float32Array) || images.shape.length !== 3)
      throw new ValueError(`image set cache: ${prefix}.images must be U8 or F32 [n, h, w]`);
    if (!(labels.data instanceof Uint8Array) || labels.shape.length !== 1 || labels.shape[0] !== images.shape[0])
      throw new ValueError(`image set cache: ${prefix}.labels must be U8 [${images.shape[0]}]`);
    return { split: { images: images.data, labels: labels.data }, shape: images.shape };
  };
  const train = split('train'), test = split('test');
  if (train.shape[1] !== test.shape[1] || train.shape[2] !== test.shape[2])
    throw new ValueError('image set cache: train and test images differ in size');
  return {
    set: {
      name: metadata.name ?? 'images', imageShape: [train.shape[1], train.shape[2]],
      train: train.split, test: test.split,
    },
    metadata,
  };
}

/** The f32 Dataset of one split, optionally only the first `perClass` images of each class. */
export function splitToDataset(split: StoredSplit, pixels: number, perClass?: number): Dataset<Uint8Array> {
  checkSplit('splitToDataset', 'split', split);
  integer('splitToDataset', 'pixels', pixels, { min: 1 });
  if (perClass !== undefined) integer('splitToDataset', 'perClass', perClass, { min: 0 });
  if (split.images.length !== split.labels.length * pixels)
    throw new ValueError(`splitToDataset: ${split.images.length} pixels are not ${split.labels.length} images of ${pixels}`);
  const indices = perClass === undefined ? null : perClassIndices(split.labels, perClass);
  const n = indices ? indices.length : split.labels.length;
  const x = new Float32Array(n * pixels);
  const y = new Uint8Array(n);
  for (let row = 0; row < n; row++) y[row] = split.labels[indices ? indices[row] : row];
  if (split.images instanceof Uint8Array) copyBytePixels(split.images, indices, n, pixels, x);
  else
    for (let row = 0; row < n; row++) {
      const from = (indices ? indices[row] : row) * pixels;
      x.set(split.images.subarray(from, from + pixels), row * pixels);
    }
  return makeDataset(x, y, [pixels], []);
}

/** f32(v / 255) for every byte value. */
const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

function copyBytePixels(images: Uint8Array, indices: number[] | null, n: number, pixels: number, x: Float32Array): void {
  for (let row = 0; row < n; row++) {
    const from = (indices ? indices[row] : row) * pixels, to = row * pixels;
    for (let p = 0; p < pixels; p++) x[to + p] = BYTE_TO_UNIT[images[from + p]];
  }
}

export function toImageSet(set: StoredImageSet, classes: readonly string[], options: SubsetOptions = {}): ImageSet {
  checkStoredSet('toImageSet', set);
  if (!Array.isArray(classes as unknown)) throw new ValueError(`toImageSet: classes must be an array of names, got ${describe(classes)}`);
  options = checkOptions('toImageSet', options, ['trainPerClass', 'testPerClass']);
  const pixels = set.imageShape[0] * set.imageShape[1];
  return {
    name: set.name,
    classes,
    train: splitToDataset(set.train, pixels, options.trainPerClass),
    test: splitToDataset(set.test, pixels, options.testPerClass),
  };
}
