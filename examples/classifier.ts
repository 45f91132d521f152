/** Trains one of the d2l Fashion-MNIST classifiers with d2l's recipe (SGD, batch 256). */
import { loadFashionMnist } from '../bindings/data/node/image-packages.js';
import type { Initializer } from '../bindings/init/initializers.js';
import { SGD } from '../bindings/optim/index.js';
import { fit, formatEpoch, type EpochMetrics } from '../bindings/train/fit.js';
import { d2lModel, type D2lModelName } from '../bindings/train/models.js';
import { Animator } from '../bindings/plot/index.js';
import { logger, saveFigure, withBackend, type ExampleOptions } from './common.js';

export interface ClassifierRecipe {
  model: D2lModelName;
  lr: number;
  epochs?: number;
  batchSize?: number;
  weightInit?: Initializer;
  label?: string;
  /** Name of the figure of the training curves (d2l's train_ch3 plot). */
  figure: string;
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
    const animator = new Animator({ xlabel: 'epoch', xlim: [1, epochs], legend: ['train loss', 'train acc', 'test acc'] });
    try {
      const { history } = await fit(model, {
        trainData: data.train, testData: data.test, epochs, batchSize, optimizer, seed, animator,
        onEpoch: (m) => log(formatEpoch(m, epochs)),
      });
      saveFigure(options, recipe.figure, animator.svg());
      return history;
    } finally {
      model.dispose();
      optimizer.dispose();
    }
  });
}
