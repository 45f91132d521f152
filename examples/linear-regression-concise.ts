/**
 * d2l 3.3, concise linear regression: nn.Linear(2, 1) with weight N(0, 0.01²) and bias 0,
 * MSE loss, optim.SGD(lr 0.03), batch 10, 3 epochs, through fit(). Prints the error.
 */
import { syntheticData } from '../bindings/data/synthetic.js';
import { normal, zeros } from '../bindings/init/initializers.js';
import { Linear } from '../bindings/nn/index.js';
import { SGD } from '../bindings/optim/index.js';
import { evaluate, fit } from '../bindings/train/fit.js';
import { fixed, logger, runAsScript, withBackend, type ExampleOptions } from './common.js';
import { TRUE_B, TRUE_W, type LinearRegressionResult } from './linear-regression-scratch.js';

export async function main(options: ExampleOptions = {}): Promise<LinearRegressionResult> {
  const log = logger(options);
  const { seed = 0, epochs = 3, limit = 1000 } = options;
  return withBackend(options, async (backend) => {
    const data = syntheticData(TRUE_W, TRUE_B, limit, { seed });
    const net = new Linear(2, 1, { init: { weight: normal(0.01), bias: zeros() }, seed: seed + 1, backend });
    const optimizer = new SGD(net.parameters(), { lr: 0.03 });
    const epochLosses: number[] = [];
    await fit(net, {
      trainData: data, epochs, batchSize: 10, optimizer, loss: 'mse', seed,
      onEpoch: async (m) => {
        const { loss } = await evaluate(net, data, { loss: 'mse', batchSize: data.length });
        epochLosses.push(loss);
        log(`epoch ${m.epoch}, loss ${fixed(loss, 6)}`);
      },
    });
    const w = Array.from(await net.weight.data()), b = (await net.bias!.data())[0];
    const wError = TRUE_W.map((t, i) => t - w[i]), bError = TRUE_B - b;
    log(`error in estimating w: [${wError.map((e) => fixed(e, 5)).join(', ')}]`);
    log(`error in estimating b: ${fixed(bError, 5)}`);
    net.dispose();
    optimizer.dispose();
    return { w, b, wError, bError, epochLosses };
  });
}

runAsScript(import.meta.url, main);
