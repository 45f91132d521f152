/**
 * d2l 4.4, model selection, underfitting and overfitting: y = 5 + 1.2x − 3.4x²/2! + 5.6x³/3! + ε,
 * ε ~ N(0, 0.1²), features x^i/i! for i < 20, 100 training and 100 test examples. A linear
 * model without bias (MSE loss, SGD lr 0.01, batch 10) fitted on the first 4 features (right),
 * 2 (underfitting, 400 epochs) and all 20 (overfitting, 1,500 epochs). Prints the learnt weights
 * and the final training and test losses.
 */
import { makeDataset, type Dataset } from '../bindings/data/dataset.js';
import { RandomStream } from '../bindings/random.js';
import { Linear } from '../bindings/nn/index.js';
import { SGD } from '../bindings/optim/index.js';
import { evaluate, fit } from '../bindings/train/fit.js';
import { fixed, logger, runAsScript, withBackend, type ExampleOptions } from './common.js';

export const MAX_DEGREE = 20;
export const TRUE_W = [5, 1.2, -3.4, 5.6];

export interface PolynomialFit {
  features: number;
  epochs: number;
  weights: number[];
  trainLoss: number;
  testLoss: number;
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** The first `n` polynomial features of each example. */
function firstFeatures(data: Dataset<Float32Array>, n: number): Dataset<Float32Array> {
  const x = new Float32Array(data.length * n);
  for (let i = 0; i < data.length; i++) x.set(data.x.subarray(i * MAX_DEGREE, i * MAX_DEGREE + n), i * n);
  return makeDataset(x, data.y, [n], [1]);
}

export function polynomialData(nTrain: number, nTest: number, seed: number) {
  const r = new RandomStream(seed);
  const n = nTrain + nTest;
  const x = new Float32Array(n * MAX_DEGREE), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = r.normal();
    let label = 0;
    for (let d = 0; d < MAX_DEGREE; d++) {
      const feature = v ** d / factorial(d);
      x[i * MAX_DEGREE + d] = feature;
      label += (TRUE_W[d] ?? 0) * feature;
    }
    y[i] = label + 0.1 * r.normal();
  }
  return {
    train: makeDataset(x.slice(0, nTrain * MAX_DEGREE), y.slice(0, nTrain), [MAX_DEGREE], [1]),
    test: makeDataset(x.slice(nTrain * MAX_DEGREE), y.slice(nTrain), [MAX_DEGREE], [1]),
  };
}

export async function main(options: ExampleOptions & { fits?: [number, number][] } = {}): Promise<PolynomialFit[]> {
  const log = logger(options);
  const { seed = 0 } = options;
  const n = options.limit ?? 100;
  const fits: [number, number][] = options.fits ?? [[4, 400], [2, 400], [MAX_DEGREE, 1500]];
  return withBackend(options, async (backend) => {
    const { train, test } = polynomialData(n, n, seed);
    const results: PolynomialFit[] = [];
    for (const [features, defaultEpochs] of fits) {
      const epochs = options.epochs ?? defaultEpochs;
      const trainData = firstFeatures(train, features), testData = firstFeatures(test, features);
      const net = new Linear(features, 1, { bias: false, seed: seed + features, backend });
      const optimizer = new SGD(net.parameters(), { lr: 0.01 });
      await fit(net, { trainData, epochs, batchSize: Math.min(10, n), optimizer, loss: 'mse', seed });
      const trainLoss = (await evaluate(net, trainData, { loss: 'mse' })).loss;
      const testLoss = (await evaluate(net, testData, { loss: 'mse' })).loss;
      const weights = Array.from(await net.weight.data());
      const kind = features === 4 ? 'third-order fit' : features < 4 ? 'underfitting' : 'overfitting';
      log(`${features} features (${kind}, ${epochs} epochs): train loss ${fixed(trainLoss)}, test loss ${fixed(testLoss)}`);
      log(`  weight: [${weights.map((w) => fixed(w, 3)).join(', ')}]`);
      results.push({ features, epochs, weights, trainLoss, testLoss });
      net.dispose();
      optimizer.dispose();
    }
    return results;
  });
}

runAsScript(import.meta.url, main);
