/**
 * d2l 4.5, weight decay: a high-dimensional linear regression with few examples (200 inputs,
 * 20 training and 100 test examples, y = 0.05 + Σ 0.01·x_i + ε). w ~ N(0, 1), b = 0, squared
 * loss plus λ‖w‖²/2 written as an autograd expression, SGD lr 0.003, batch 5, 100 epochs, for
 * λ = 0 (overfits) and λ = 3. Prints ‖w‖ and the final training and test losses.
 * Then the concise version (d2l 4.5.4): nn.Linear with N(0, 1) parameters, MSE loss, and SGD's own
 * weight_decay on the weight only (the bias in a second SGD without decay), through fit().
 */
import { add, backward, matmul, mul, square, squaredLoss, sum } from '../bindings/autograd/index.js';
import { DataLoader } from '../bindings/data/dataloader.js';
import { syntheticData } from '../bindings/data/synthetic.js';
import { RandomStream } from '../bindings/random.js';
import * as k from '../bindings/kernels/index.js';
import { tensor, tidy, zeros, type Tensor } from '../bindings/tensor.js';
import { evaluate, fit, type StepOptimizer } from '../bindings/train/fit.js';
import { normal } from '../bindings/init/initializers.js';
import { Linear } from '../bindings/nn/index.js';
import { SGD } from '../bindings/optim/index.js';
import { fixed, logger, runAsScript, withBackend, type ExampleOptions } from './common.js';

export interface WeightDecayRun {
  lambda: number;
  wNorm: number;
  trainLoss: number;
  testLoss: number;
}

export interface WeightDecayResult {
  scratch: WeightDecayRun[];
  concise: WeightDecayRun[];
}

export async function main(options: ExampleOptions & { lambdas?: number[] } = {}): Promise<WeightDecayResult> {
  const log = logger(options);
  const { seed = 0, epochs = 100 } = options;
  const inputs = 200, nTrain = 20, nTest = 100, lr = 0.003, batchSize = 5;
  const trueW = new Array(inputs).fill(0.01);
  const train = syntheticData(trueW, 0.05, nTrain, { seed });
  const test = syntheticData(trueW, 0.05, nTest, { seed: seed + 1 });
  return withBackend(options, async (backend) => {
    const runs: WeightDecayRun[] = [];
    for (const lambda of options.lambdas ?? [0, 3]) {
      const w = tensor(new RandomStream(seed + 2).normalArray(inputs), [inputs, 1], { backend, requiresGrad: true });
      const b = zeros([1], { backend, requiresGrad: true });
      const net = { forward: (x: Tensor) => add(matmul(x, w), b), parameters: () => [w, b] };
      const loader = new DataLoader(train, { batchSize, seed });
      for (let epoch = 0; epoch < epochs; epoch++)
        for (const batch of loader.batches(epoch))
          tidy(() => {
            const x = tensor(batch.x, batch.xShape, { backend }), y = tensor(batch.y, batch.yShape, { backend });
            // d2l: l = loss(net(X), y) + λ · ‖w‖²/2 per example; l.sum().backward(); sgd(lr, batch_size)
            const penalty = mul(sum(square(w)), lambda / 2);
            const loss = add(squaredLoss(net.forward(x), y, { reduction: 'sum' }), mul(penalty, batch.size));
            backward(loss);
            for (const p of [w, b]) {
              k.sgdUpdate(p, p.grad!, null, { lr: lr / batch.size });
              p.zeroGrad();
            }
          });
      const wNorm = Math.sqrt((await w.data()).reduce((s, v) => s + v * v, 0));
      const trainLoss = (await evaluate(net, train, { backend })).loss;
      const testLoss = (await evaluate(net, test, { backend })).loss;
      log(`from scratch, λ = ${lambda}: ‖w‖ = ${fixed(wNorm)}, train loss ${fixed(trainLoss, 6)}, test loss ${fixed(testLoss, 6)}`);
      runs.push({ lambda, wNorm, trainLoss, testLoss });
      w.dispose();
      b.dispose();
    }
    const concise: WeightDecayRun[] = [];
    for (const lambda of options.lambdas ?? [0, 3]) {
      const net = new Linear(inputs, 1, { init: normal(1), seed: seed + 2, backend });
      const decayed = new SGD([net.weight], { lr, weightDecay: lambda }), plain = new SGD([net.bias!], { lr });
      const both: StepOptimizer = {
        step: () => (decayed.step(), plain.step()),
        zeroGrad: () => (decayed.zeroGrad(), plain.zeroGrad()),
      };
      await fit(net, { trainData: train, epochs, batchSize, optimizer: both, loss: 'mse', seed });
      const wNorm = Math.sqrt((await net.weight.data()).reduce((s, v) => s + v * v, 0));
      const trainLoss = (await evaluate(net, train, { loss: 'mse' })).loss;
      const testLoss = (await evaluate(net, test, { loss: 'mse' })).loss;
      log(`concise (SGD weight_decay), λ = ${lambda}: ‖w‖ = ${fixed(wNorm)}, train MSE ${fixed(trainLoss, 6)}, test MSE ${fixed(testLoss, 6)}`);
      concise.push({ lambda, wNorm, trainLoss, testLoss });
      net.dispose();
      decayed.dispose();
      plain.dispose();
    }
    return { scratch: runs, concise };
  });
}

runAsScript(import.meta.url, main);
