/**
 * d2l 3.2, linear regression from scratch: 1,000 examples y = Xw + b + noise with w = [2, −3.4],
 * b = 4.2; parameters w ~ N(0, 0.01²), b = 0; minibatch SGD (lr 0.03, batch 10, 3 epochs) on
 * the summed squared loss, the update written by hand. Prints the loss per epoch and the error.
 */
import { backward, matmul, add, squaredLoss, noGrad } from '../bindings/autograd/index.js';
import { DataLoader } from '../bindings/data/dataloader.js';
import { syntheticData } from '../bindings/data/synthetic.js';
import { RandomStream } from '../bindings/random.js';
import * as k from '../bindings/kernels/index.js';
import { tensor, tidy, zeros, type Tensor } from '../bindings/tensor.js';
import { fixed, logger, runAsScript, withBackend, type ExampleOptions } from './common.js';

export const TRUE_W = [2, -3.4];
export const TRUE_B = 4.2;

export interface LinearRegressionResult {
  w: number[];
  b: number;
  wError: number[];
  bError: number;
  epochLosses: number[];
}

export async function main(options: ExampleOptions = {}): Promise<LinearRegressionResult> {
  const log = logger(options);
  const { seed = 0, epochs = 3, limit = 1000 } = options;
  const lr = 0.03, batchSize = 10;
  return withBackend(options, async (backend) => {
    const data = syntheticData(TRUE_W, TRUE_B, limit, { seed });
    const features = tensor(data.x, [data.length, 2], { backend });
    const labels = tensor(data.y, [data.length, 1], { backend });
    const w = tensor(new RandomStream(seed + 1).normalArray(2, 0, 0.01), [2, 1], { backend, requiresGrad: true });
    const b = zeros([1], { backend, requiresGrad: true });
    const net = (x: Tensor) => add(matmul(x, w), b);
    /** d2l's sgd(): param −= lr · grad / batch_size. */
    const sgd = (params: Tensor[], size: number) => {
      for (const p of params) {
        k.sgdUpdate(p, p.grad!, null, { lr: lr / size });
        p.zeroGrad();
      }
    };
    const loader = new DataLoader(data, { batchSize, seed });
    const epochLosses: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const batch of loader.batches(epoch))
        tidy(() => {
          const x = tensor(batch.x, batch.xShape, { backend }), y = tensor(batch.y, batch.yShape, { backend });
          backward(squaredLoss(net(x), y, { reduction: 'sum' }));
          sgd([w, b], batch.size);
        });
      const loss = noGrad(() => tidy(() => squaredLoss(net(features), labels, { reduction: 'mean' })));
      epochLosses.push((await loss.data())[0]);
      loss.dispose();
      log(`epoch ${epoch + 1}, loss ${fixed(epochLosses[epoch], 6)}`);
    }
    const wv = Array.from(await w.data()), bv = (await b.data())[0];
    const wError = TRUE_W.map((t, i) => t - wv[i]), bError = TRUE_B - bv;
    log(`error in estimating w: [${wError.map((e) => fixed(e, 5)).join(', ')}]`);
    log(`error in estimating b: ${fixed(bError, 5)}`);
    for (const t of [features, labels, w, b]) t.dispose();
    return { w: wv, b: bv, wError, bError, epochLosses };
  });
}

runAsScript(import.meta.url, main);
