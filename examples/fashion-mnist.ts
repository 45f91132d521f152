/**
 * d2l 3.5, the image classification dataset: Fashion-MNIST as [1, 28, 28] images, a batch shown with
 * its labels (show_images), the time to read one epoch, and load_data_fashion_mnist with resize.
 */
import { DataLoader, plot, type Tensor } from '../bindings/index.js';
import { getFashionMnistLabels } from '../bindings/data/labels.js';
import { loadDataFashionMnist } from '../bindings/data/node/fashion-mnist-loaders.js';
import { loadFashionMnist } from '../bindings/data/node/image-packages.js';
import { runSection, size } from './book-section.js';
import { logger, runAsScript, saveFigure, type ExampleOptions } from './common.js';

export interface FashionMnistResult {
  trainLength: number;
  testLength: number;
  exampleShape: number[];
  /** The first batch's labels as class names. */
  titles: string[];
  /** Seconds to read one training epoch in batches of 256. */
  readSeconds: number;
  batches: number;
  resizedShapes: [number[], number[]];
  figure: string | null;
}

export async function main(options: ExampleOptions = {}): Promise<FashionMnistResult> {
  const log = logger(options);
  const subset = { cacheDir: options.cacheDir, trainPerClass: options.limit, testPerClass: options.limit };
  return runSection(options, () => {
    const data = loadFashionMnist(subset);
    log(`len(mnist_train), len(mnist_test) = ${data.train.length}, ${data.test.length}`);

    const batchSize = 256;
    const [trainIter] = loadDataFashionMnist(batchSize, { ...subset, seed: options.seed ?? 0 });
    const exampleShape = [...trainIter.data.exampleShape];
    log(`mnist_train[0][0].shape = ${size(exampleShape)}`);

    // X, y = next(iter(DataLoader(mnist_train, batch_size=18)))
    const [first] = new DataLoader(trainIter.data, { batchSize: 18, seed: options.seed ?? 0 });
    const [X, y] = first as [Tensor, Tensor];
    const titles = getFashionMnistLabels(y);
    log(`labels: ${titles.join(', ')}`);
    const figure = saveFigure(options, 'fashion-mnist-images', plot.showImages(X.reshape([18, 28, 28]), 2, 9, { titles }));

    const started = performance.now();
    let batches = 0;
    for (const [Xb] of trainIter) if (Xb) batches++;
    const readSeconds = (performance.now() - started) / 1000;
    log(`${readSeconds.toFixed(2)} sec to read ${batches} batches`);

    const [resizedTrain] = loadDataFashionMnist(32, { ...subset, resize: 64, seed: options.seed ?? 0 });
    const resizedShapes: [number[], number[]] = [[], []];
    for (const [Xr, yr] of resizedTrain) {
      resizedShapes[0] = [...Xr.shape];
      resizedShapes[1] = [...yr.shape];
      log(`${size(Xr.shape)} float32 ${size(yr.shape)} float32`);
      break;
    }
    return { trainLength: data.train.length, testLength: data.test.length, exampleShape, titles, readSeconds, batches, resizedShapes, figure };
  });
}

runAsScript(import.meta.url, main);
