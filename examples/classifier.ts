/** Trains one of the d2l Fashion-MNIST classifiers with d2l's recipe (SGD, batch 256). */
import { loadFashionMnist } from '../bindings/data/node/image-packages.js';
import type { Initializer } from '../bindings/init/initializers.js';
import { SGD } from '../bindings/optim/index.js';
import { fit, formatEpoch, type EpochMetrics } from '../bindings/train/fit.js';
import { d2lModel, type D2lModelName } from '../bindings/train/models.js';
import { logger, withBackend, type ExampleOptions } from './common.js';

export interface ClassifierRecipe {
  model: D2lModelName;
  lr: number;
  epochs?: number;
  batchSize?: number;
  weightInit?: Initializer;
  label?: string;
}

export async function trainClassifier(recipe: ClassifierRecipe, options: ExampleOptions): Promise<EpochMetrics[]> {
  const log = logger(options);
  const { seed = 0 } = options;
  const epochs = options.epochs ?? recipe.epochs ?? 10;
  const batchSize = recipe.batchSize ?? 256;
  const data = loadFashionMnist({ cacheDir: options.cacheDir, trainPerClass: options.limit, testPerClass: options.limit });
  return withBackend(options, async (backend) => {
    const model = d2lModel(recipe.model, { backend, seed, weightInit: recipe.weightInit });
    const optimizer = new SGD(model.parameters(), { lr: recipe.lr });
    log(`${recipe.label ?? recipe.model}: ${data.train.length} training / ${data.test.length} test images, ` +
      `lr ${recipe.lr}, batch ${batchSize}, ${epochs} epochs, ${backend.name}`);
    try {
      const { history } = await fit(model, {
        trainData: data.train, testData: data.test, epochs, batchSize, optimizer, seed,
        onEpoch: (m) => log(formatEpoch(m, epochs)),
      });
      return history;
    } finally {
      model.dispose();
      optimizer.dispose();
    }
  });
}
