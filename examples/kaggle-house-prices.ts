/**
 * d2l 4.10, predicting house prices on Kaggle: the competition's train.csv and test.csv (from
 * `--data DIR`; the small synthetic pair in examples/data/house-prices by default), features
 * standardised, missing numbers set to 0, categories one-hot with an NA indicator; a linear net,
 * squared loss, Adam (lr 5, weight decay 0, batch 64, 100 epochs), judged by the RMSE of log
 * prices in 5-fold cross-validation; then trained on all of train.csv to write submission.csv.
 *
 * d2l's settings suit Kaggle's 1,460 houses and 331 features. The synthetic set has 300 houses and
 * 35 features, so 100 epochs take 400 steps of at most lr each per weight: too few to bring a
 * prediction from 0 to a price near 180,000 (its log-RMSE stays near 2.6); `--epochs 2000` or
 * `main({ lr: 100 })` get there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../bindings/backend.js';
import { cat } from '../bindings/autograd/index.js';
import { DataLoader } from '../bindings/data/dataloader.js';
import { TensorDataset } from '../bindings/data/tensor-dataset.js';
import { concat, getDummies, type DataFrame } from '../bindings/data/frame/index.js';
import { readCsvFile, writeCsvFile } from '../bindings/data/node/index.js';
import { ValueError } from '../bindings/errors.js';
import { Linear, MSELoss, Sequential, type Module } from '../bindings/nn/index.js';
import { Adam } from '../bindings/optim/index.js';
import * as plot from '../bindings/plot/index.js';
import { tidy, type Tensor } from '../bindings/tensor.js';
import { logger, runAsScript, saveFigure, withBackend, type ExampleOptions } from './common.js';

/** The synthetic train.csv and test.csv in the repository (examples/data/house-prices), from the sources or from dist/examples. */
export const SHIPPED_DATA_DIR = ['../data/house-prices/', '../../examples/data/house-prices/']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(join(dir, 'train.csv'))) ?? null;

/** d2l's k-fold and training settings; each can be changed. */
export interface KaggleOptions extends ExampleOptions {
  /** Folds of the cross-validation (default 5). */
  k?: number;
  /** Adam's learning rate (default 5). */
  lr?: number;
  /** Adam's weight decay (default 0). */
  weightDecay?: number;
  /** Minibatch size (default 64). */
  batchSize?: number;
}

export interface KaggleResult {
  /** Each fold's final train and validation log-RMSE. */
  folds: { train: number; valid: number }[];
  avgTrain: number;
  avgValid: number;
  /** The log-RMSE after every epoch of the first fold. */
  firstFold: { train: number[]; valid: number[] };
  /** The log-RMSE after every epoch of training on all of train.csv. */
  finalTrain: number[];
  /** Columns after one-hot encoding (331 on Kaggle's files). */
  inFeatures: number;
  /** The test set's predicted prices, in test.csv's order. */
  predictions: Float32Array;
  submissionPath: string;
  /** The SVG figures: the first fold's curves and the final training curve. */
  figures: { kFold: string; train: string };
}

const loss = new MSELoss();

/** Minibatches of (features, labels), reshuffled on every pass as d2l.load_array's DataLoader. */
export function loadArray(features: Tensor, labels: Tensor, batchSize: number, shuffle = true, seed = 0): DataLoader {
  return new DataLoader(new TensorDataset(features, labels), { batchSize, shuffle, seed });
}

/** √MSE of the logs, predictions below 1 taken as 1 (d2l's log_rmse). */
export function logRmse(net: Module, features: Tensor, labels: Tensor): number {
  return tidy(() => {
    const clippedPreds = net.forward(features).clamp(1, Infinity);
    const rmse = loss.forward(clippedPreds.log(), labels.log()).sqrt();
    return rmse.item();
  });
}

/** d2l's get_net: one linear layer; fold i of the k-fold run is seeded with seed + i, the final net with seed + k. */
export function getNet(inFeatures: number, seed: number, backend: Backend): Module {
  return new Sequential(new Linear(inFeatures, 1, { seed, backend }));
}

/** Adam on minibatches; the train (and test) log-RMSE after every epoch (d2l's train). */
export function train(
  net: Module, trainFeatures: Tensor, trainLabels: Tensor, testFeatures: Tensor | null, testLabels: Tensor | null,
  numEpochs: number, learningRate: number, weightDecay: number, batchSize: number, seed = 0,
): [number[], number[]] {
  const trainLs: number[] = [], testLs: number[] = [];
  const trainIter = loadArray(trainFeatures, trainLabels, batchSize, true, seed);
  const optimizer = new Adam(net.parameters(), { lr: learningRate, weightDecay });
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    for (const [X, y] of trainIter)
      tidy(() => {
        optimizer.zeroGrad();
        const l = loss.forward(net.forward(X), y);
        l.backward();
        optimizer.step();
      });
    trainLs.push(logRmse(net, trainFeatures, trainLabels));
    if (testFeatures && testLabels) testLs.push(logRmse(net, testFeatures, testLabels));
  }
  optimizer.dispose();
  return [trainLs, testLs];
}

/** Fold i of k as validation data, the other folds (in order) as training data (d2l's get_k_fold_data). */
export function getKFoldData(k: number, i: number, X: Tensor, y: Tensor): [Tensor, Tensor, Tensor, Tensor] {
  if (!Number.isInteger(k) || k < 2) throw new ValueError(`getKFoldData: k must be an integer >= 2, got ${k}`);
  if (!Number.isInteger(i) || i < 0 || i >= k) throw new ValueError(`getKFoldData: i must be an integer in [0, ${k}), got ${i}`);
  const foldSize = Math.floor(X.shape[0] / k);
  let XTrain: Tensor | null = null, yTrain: Tensor | null = null;
  let XValid: Tensor | null = null, yValid: Tensor | null = null;
  for (let j = 0; j < k; j++) {
    const idx = `${j * foldSize}:${(j + 1) * foldSize}`;
    const XPart = X.get(idx), yPart = y.get(idx);
    if (j === i) [XValid, yValid] = [XPart, yPart];
    else if (XTrain === null || yTrain === null) [XTrain, yTrain] = [XPart, yPart];
    else [XTrain, yTrain] = [cat([XTrain, XPart], 0), cat([yTrain, yPart], 0)];
  }
  return [XTrain!, yTrain!, XValid!, yValid!];
}

/** The features of train.csv and test.csv and the training labels as tensors, prepared as d2l 4.10 does with pandas. */
export function preprocess(trainData: DataFrame, testData: DataFrame, backend: Backend) {
  let allFeatures = concat([trainData.iloc(':', '1:-1'), testData.iloc(':', '1:')]);
  const numericFeatures = allFeatures.numericColumns();
  allFeatures = allFeatures.assign(allFeatures.select(numericFeatures).apply((x) => {
    const mean = x.mean(), std = x.std();
    return x.map((v) => ((v as number) - mean) / std);
  }));
  allFeatures = allFeatures.assign(allFeatures.select(numericFeatures).fillna(0));
  allFeatures = getDummies(allFeatures, { dummyNa: true });
  const nTrain = trainData.shape[0];
  return {
    allFeatures,
    trainFeatures: allFeatures.slice(0, nTrain).toTensor({ backend }).keep(),
    testFeatures: allFeatures.slice(nTrain).toTensor({ backend }).keep(),
    trainLabels: tidy(() => trainData.get('SalePrice').toTensor({ backend }).reshape([-1, 1])).keep(),
  };
}

function readData(dataDir: string): [DataFrame, DataFrame] {
  for (const file of ['train.csv', 'test.csv'])
    if (!existsSync(join(dataDir, file)))
      throw new ValueError(`kaggle-house-prices: ${dataDir} has no ${file}; download train.csv and test.csv from ` +
        'https://www.kaggle.com/c/house-prices-advanced-regression-techniques/data');
  const trainData = readCsvFile(join(dataDir, 'train.csv')), testData = readCsvFile(join(dataDir, 'test.csv'));
  const columns = trainData.columns;
  if (columns[0] !== 'Id' || columns.at(-1) !== 'SalePrice' || testData.columns[0] !== 'Id')
    throw new ValueError(`kaggle-house-prices: train.csv must start with Id and end with SalePrice, test.csv start with Id`);
  return [trainData, testData];
}

/** Runs d2l 4.10: k-fold cross-validation, then the final training run and submission.csv. */
export async function main(options: KaggleOptions = {}): Promise<KaggleResult> {
  const log = logger(options);
  const printLines = (text: string) => text.split('\n').forEach((line) => log(line));
  const { seed = 0, epochs: numEpochs = 100, k = 5, lr = 5, weightDecay = 0, batchSize = 64 } = options;
  const dataDir = options.dataDir ?? SHIPPED_DATA_DIR;
  if (dataDir === null) throw new ValueError('kaggle-house-prices: examples/data/house-prices is missing; pass --data DIR');
  const submissionPath = options.submissionPath ?? 'submission.csv';
  const [trainData, testData] = readData(dataDir);
  log(options.dataDir === undefined
    ? `data: ${dataDir} (synthetic houses; --data DIR reads Kaggle's files; here lr 5 needs about --epochs 2000)`
    : `data: ${dataDir}`);
  log(`train.csv (${trainData.shape.join(', ')}), test.csv (${testData.shape.join(', ')})`);
  printLines(trainData.iloc('0:4', [0, 1, 2, 3, -3, -2, -1]).toString());
  return withBackend(options, async (backend) => {
    const { allFeatures, trainFeatures, testFeatures, trainLabels } = preprocess(trainData, testData, backend);
    log(`features after one-hot encoding: (${allFeatures.shape.join(', ')})`);
    const inFeatures = trainFeatures.shape[1];
    const epochAxis = Array.from({ length: numEpochs }, (_, i) => i + 1);
    const xlim: [number, number] | null = numEpochs > 1 ? [1, numEpochs] : null;

    // d2l's k_fold
    const folds: { train: number; valid: number }[] = [];
    let firstFold = { train: [] as number[], valid: [] as number[] };
    let kFoldSvg = '';
    for (let i = 0; i < k; i++)
      tidy(() => {
        const data = getKFoldData(k, i, trainFeatures, trainLabels);
        const net = getNet(inFeatures, seed + i, backend);
        const [trainLs, validLs] = train(net, ...data, numEpochs, lr, weightDecay, batchSize, seed + i);
        net.dispose();
        folds.push({ train: trainLs.at(-1)!, valid: validLs.at(-1)! });
        if (i === 0) {
          firstFold = { train: trainLs, valid: validLs };
          kFoldSvg = plot.plot(epochAxis, [trainLs, validLs], {
            xlabel: 'epoch', ylabel: 'rmse', xlim, legend: ['train', 'valid'], yscale: 'log',
          });
          saveFigure(options, 'kaggle-house-prices-kfold', kFoldSvg);
        }
        log(`fold ${i + 1}, train log rmse ${trainLs.at(-1)!.toFixed(6)}, valid log rmse ${validLs.at(-1)!.toFixed(6)}`);
      });
    const avgTrain = folds.reduce((s, f) => s + f.train, 0) / k, avgValid = folds.reduce((s, f) => s + f.valid, 0) / k;
    log(`${k}-fold validation: avg train log rmse: ${avgTrain.toFixed(6)}, avg valid log rmse: ${avgValid.toFixed(6)}`);

    // d2l's train_and_pred
    const net = getNet(inFeatures, seed + k, backend);
    const [finalTrain] = train(net, trainFeatures, trainLabels, null, null, numEpochs, lr, weightDecay, batchSize, seed + k);
    const trainSvg = plot.plot(epochAxis, [finalTrain], { xlabel: 'epoch', ylabel: 'log rmse', xlim, yscale: 'log' });
    saveFigure(options, 'kaggle-house-prices-train', trainSvg);
    log(`train log rmse ${finalTrain.at(-1)!.toFixed(6)}`);
    const predictions = tidy(() => net.forward(testFeatures).detach().dataSync());
    testData.set('SalePrice', predictions);
    const submission = concat([testData.get('Id'), testData.get('SalePrice')], { axis: 1 });
    writeCsvFile(submissionPath, submission);
    log(`submission: ${submissionPath}`);
    for (const t of [net, trainFeatures, testFeatures, trainLabels]) t.dispose();
    return {
      folds, avgTrain, avgValid, firstFold, finalTrain, inFeatures, predictions, submissionPath,
      figures: { kFold: kFoldSvg, train: trainSvg },
    };
  });
}

runAsScript(import.meta.url, main);
