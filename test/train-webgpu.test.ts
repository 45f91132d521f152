/** fit() on WebGPU: the same curves as the cpu reference, and no readback inside a training step. */
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import type { Backend } from '../bindings/backend.js';
import { makeDataset } from '../bindings/data/dataset.js';
import { RandomStream } from '../bindings/random.js';
import { SGD } from '../bindings/optim/index.js';
import { xavierUniform } from '../bindings/init/initializers.js';
import { liveTensorCount } from '../bindings/tensor.js';
import { fit, type EpochMetrics } from '../bindings/train/fit.js';
import { d2lModel } from '../bindings/train/models.js';
import { describeWebGPU } from './webgpu-node-device.js';

function blobs(n: number, seed: number) {
  const r = new RandomStream(seed);
  const x = new Float32Array(n * 12), y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3;
    for (let j = 0; j < 12; j++) x[i * 12 + j] = r.normal() + (j % 3 === y[i] ? 1 : 0);
  }
  return makeDataset(x, y, [12]);
}

/** Trains the dropout MLP shape in miniature; counts the backend's reads. */
async function run(backend: Backend) {
  let reads = 0;
  const read = backend.read.bind(backend);
  backend.read = (storage) => {
    reads++;
    return read(storage);
  };
  const model = d2lModel('dropout-mlp', { inputs: 12, hidden: 16, classes: 3, backend, seed: 4, weightInit: xavierUniform() });
  const optimizer = new SGD(model.parameters(), { lr: 0.3 });
  const readsPerEpoch: number[] = [];
  const tensors: number[] = [];
  const { history } = await fit(model, {
    trainData: blobs(200, 1), testData: blobs(60, 2), epochs: 4, batchSize: 32, optimizer,
    onEpoch: () => {
      readsPerEpoch.push(reads);
      reads = 0;
      tensors.push(liveTensorCount());
    },
  });
  model.dispose();
  optimizer.dispose();
  backend.read = read;
  return { history, readsPerEpoch, tensors };
}

function expectClose(got: EpochMetrics[], want: EpochMetrics[]) {
  got.forEach((m, i) => {
    expect(Math.abs(m.trainLoss - want[i].trainLoss)).toBeLessThan(1e-4 * want[i].trainLoss);
    expect(m.trainAccuracy).toBeCloseTo(want[i].trainAccuracy!, 6);
    expect(m.testAccuracy).toBeCloseTo(want[i].testAccuracy!, 6);
  });
}

describeWebGPU('fit on WebGPU', (gpu) => {
  test('matches the cpu reference epoch by epoch (dropout masks included); 4 reads an epoch whatever the steps', async () => {
    const reference = await run(new CpuBackend());
    const result = await run(gpu());
    expectClose(result.history, reference.history);
    // train loss + correct count, test loss + correct count: 7 steps and 2 test batches, 4 reads.
    expect(result.readsPerEpoch).toEqual([4, 4, 4, 4]);
    expect(new Set(result.tensors).size).toBe(1);
    expect(result.history[3].trainLoss).toBeLessThan(result.history[0].trainLoss);
  });
});
