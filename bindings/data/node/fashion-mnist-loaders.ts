/** d2l's load_data_fashion_mnist: Fashion-MNIST as [N, 1, 28, 28] images (optionally resized) in two DataLoaders. */
import type { Backend } from '../../backend.js';
import { DataLoader } from '../dataloader.js';
import { makeDataset, type Dataset } from '../dataset.js';
import { imageSize, resizeImages } from '../resize.js';
import { integer, options as checkOptions } from '../../validate.js';
import { loadFashionMnist, type ImageLoadOptions } from './image-packages.js';

export interface LoadDataOptions extends ImageLoadOptions {
  /** Resize every image to n × n or [height, width] first (torchvision's Resize, bilinear). */
  resize?: number | readonly [number, number];
  /** Where the batch tensors go; default the default backend. */
  backend?: Backend;
  /** Seed of the training set's shuffles; default one drawn from the default random source. */
  seed?: number;
}

const OPTIONS = ['resize', 'backend', 'seed', 'cacheDir', 'onProgress', 'trainPerClass', 'testPerClass'];
const SIDE = 28;

/** A [784]-per-image split as [1, height, width] images (ToTensor's layout), resized when asked. */
function asImages(split: Dataset<Uint8Array>, size: readonly [number, number]): Dataset<Uint8Array> {
  const x = size[0] === SIDE && size[1] === SIDE ? split.x : resizeImages(split.x, split.length, [SIDE, SIDE], size);
  return makeDataset(x, split.y, [1, size[0], size[1]]);
}

/**
 * The training and test iterators of d2l 3.5: `const [trainIter, testIter] = loadDataFashionMnist(256)`,
 * then `for (const [X, y] of trainIter)` gives X of shape [batch, 1, 28, 28] in [0, 1] and y the class
 * indices. The training set is reshuffled every epoch; the test set is read in order.
 */
export function loadDataFashionMnist(batchSize: number, options: LoadDataOptions = {}): [DataLoader<Uint8Array>, DataLoader<Uint8Array>] {
  integer('loadDataFashionMnist', 'batchSize', batchSize, { min: 1 });
  const { resize, backend, seed, ...load } = checkOptions('loadDataFashionMnist', options, OPTIONS);
  const size = resize === undefined ? ([SIDE, SIDE] as const) : imageSize('loadDataFashionMnist', resize);
  const set = loadFashionMnist(load);
  return [
    new DataLoader(asImages(set.train, size), { batchSize, shuffle: true, seed, backend }),
    new DataLoader(asImages(set.test, size), { batchSize, shuffle: false, backend }),
  ];
}
