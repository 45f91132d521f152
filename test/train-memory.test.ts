import { createWasmBackend, type WasmBackend } from '../bindings/wasm/wasm-backend.js';
import { makeDataset } from '../bindings/data/dataset.js';
import { RandomStream } from '../bindings/random.js';
import { Dropout, Linear, ReLU, Sequential } from '../bindings/nn/index.js';
import { SGD } from '../bindings/optim/index.js';
import { liveTensorCount } from '../bindings/tensor.js';
import { fit } from '../bindings/train/fit.js';

let backend: WasmBackend;
beforeAll(async () => {
  backend = await createWasmBackend();
});
afterAll(() => backend.dispose());

test('2,000 training steps hold a constant number of tensors and a constant wasm heap', async () => {
  const r = new RandomStream(11);
  const n = 150, features = 20;
  const x = r.normalArray(n * features);
  const y = Uint8Array.from({ length: n }, (_, i) => (x[i * features] > 0 ? 1 : 0) + (x[i * features + 1] > 0 ? 2 : 0));
  const train = makeDataset(x, y, [features]);
  const test = makeDataset(r.normalArray(40 * features), new Uint8Array(40), [features]);
  const model = new Sequential(
    new Linear(features, 32, { seed: 1, backend }), new ReLU(), new Dropout(0.3, { seed: 2 }),
    new Linear(32, 4, { seed: 3, backend }),
  );
  const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9, weightDecay: 1e-4 });
  const batchSize = 16; // 150 = 9 × 16 + 6: every epoch ends with a partial batch
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const epochs = Math.ceil(2000 / stepsPerEpoch);
  const snapshots: { tensors: number; storages: number; bytes: number; reserved: number }[] = [];
  const { history } = await fit(model, {
    trainData: train, testData: test, epochs, batchSize, optimizer,
    onEpoch: () => {
      const stats = backend.memoryStats();
      snapshots.push({ tensors: liveTensorCount(), storages: stats.liveStorages, bytes: stats.liveBytes, reserved: stats.reservedBytes });
    },
  });
  expect(history.reduce((s, m) => s + m.steps, 0)).toBeGreaterThanOrEqual(2000);
  const first = snapshots[0];
  for (const s of snapshots.slice(1)) expect(s).toEqual(first);
  expect(history[history.length - 1].trainLoss).toBeLessThan(history[0].trainLoss);
  model.dispose();
  optimizer.dispose();
});
