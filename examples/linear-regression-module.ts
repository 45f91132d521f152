/**
 * PyTorch's linear regression with a module: 100 points x ~ U(0, 10), y = 3x + 0.8 + N(0, 0.5²); a
 * Module subclass holding nn.Linear(1, 1), nn.MSELoss, optim.SGD (lr 0.01) and the loop
 * zeroGrad → forward → loss → backward → step over the whole data set for 1,000 epochs. Prints
 * the loss every 100 epochs and the learned weight and bias; draws the data and the fitted line.
 */
import { Linear, Module, MSELoss } from '../bindings/nn/index.js';
import { manualSeed } from '../bindings/init/index.js';
import { SGD } from '../bindings/optim/index.js';
import * as plot from '../bindings/plot/index.js';
import { rand, randn, tensor, tidy, type Tensor } from '../bindings/tensor.js';
import type { Backend } from '../bindings/backend.js';
import { fixed, logger, runAsScript, saveFigure, withBackend, type ExampleOptions } from './common.js';

export const TRUE_WEIGHT = 3;
export const TRUE_BIAS = 0.8;

export interface LinearModuleResult {
  weight: number;
  bias: number;
  /** The loss of every epoch, before its step. */
  losses: number[];
  /** The data with the fitted line, as SVG. */
  figure: string;
}

/** y = wx + b as a module with one nn.Linear(1, 1) child. */
export class LinearRegressionModel extends Module {
  readonly linear: Linear;

  constructor(backend?: Backend) {
    super();
    this.linear = new Linear(1, 1, { backend });
  }

  forward(x: Tensor): Tensor {
    return this.linear.forward(x);
  }
}

/** Fits y = 3x + 0.8 with LinearRegressionModel, SGD and MSELoss; returns the learned weight and bias. */
export async function main(options: ExampleOptions = {}): Promise<LinearModuleResult> {
  const log = logger(options);
  const { seed = 0, epochs = 1000, limit = 100 } = options;
  return withBackend(options, async (backend) => {
    manualSeed(seed);
    const [X, y] = tidy(() => {
      const X = rand([limit, 1], { backend }).mul(10);
      return [X, X.mul(TRUE_WEIGHT).add(TRUE_BIAS).add(randn([limit, 1], { backend }).mul(0.5))];
    });

    const model = new LinearRegressionModel(backend);
    const criterion = new MSELoss();
    const optimizer = new SGD(model.parameters(), { lr: 0.01 });
    const losses: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++)
      tidy(() => {
        optimizer.zeroGrad();
        const outputs = model.forward(X);
        const loss = criterion.forward(outputs, y);
        loss.backward();
        optimizer.step();
        losses.push(loss.item());
        if ((epoch + 1) % 100 === 0) log(`Epoch [${epoch + 1}/${epochs}], Loss: ${fixed(loss.item())}`);
      });
    const weight = model.linear.weight.item(), bias = model.linear.bias!.item();
    log(`learned weight ${fixed(weight)}, bias ${fixed(bias)} (true ${TRUE_WEIGHT}, ${TRUE_BIAS})`);

    const xs = X.dataSync(), ys = y.dataSync();
    const lineX = [0, 10];
    const lineY = tidy(() => model.forward(tensor(lineX, [2, 1], { backend })).dataSync());
    const figure = plot.plot([xs, lineX], [ys, lineY], {
      fmts: ['o', '-'], xlabel: 'x', ylabel: 'y', legend: ['data', `y = ${weight.toFixed(2)}x + ${bias.toFixed(2)}`],
    });
    saveFigure(options, 'linear-regression-module', figure);
    for (const t of [model, optimizer, X, y]) t.dispose();
    return { weight, bias, losses, figure };
  });
}

runAsScript(import.meta.url, main);
