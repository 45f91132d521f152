/** Data sets and batches; runs anywhere (the Node loaders are in node/index.ts). */
export { makeDataset, subset, gather, takePerClass, classCounts, type Dataset, type TargetArray } from './dataset.js';
export { TensorDataset } from './tensor-dataset.js';
export { getFashionMnistLabels } from './labels.js';
export { resizeImages } from './resize.js';
export { DataLoader, epochPermutation, batchOrders, type DataLoaderOptions, type HostBatch, type TensorBatch } from './dataloader.js';
export { syntheticData, type SyntheticOptions } from './synthetic.js';
export { RandomStream } from '../random.js';
export {
  FASHION_MNIST_CLASSES, DIGIT_CLASSES, decodeImageSet, encodeImageSet, toImageSet, splitToDataset,
  type ImageSet, type StoredImageSet, type StoredSplit, type SubsetOptions,
} from './image-set.js';
