import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { makeDataset } from '../bindings/data/dataset.js';
import { RandomStream } from '../bindings/random.js';
import { syntheticData } from '../bindings/data/synthetic.js';
import { Linear, ReLU, Sequential } from '../bindings/nn/index.js';
import { SGD } from '../bindings/optim/index.js';
import { Tensor, tensor, liveTensorCount } from '../bindings/tensor.js';
import { fit, evaluate, type EpochMetrics } from '../bindings/train/fit.js';
import { d2lModel } from '../bindings/train/models.js';
import { writeRunOutputs } from '../bindings/train/node/run-files.js';
import { loadWeightsFile } from '../bindings/train/node/weights-file.js';
import { ValueError } from '../bindings/errors.js';
import { DataLoader, type HostBatch } from '../bindings/data/dataloader.js';
import { subset } from '../bindings/data/dataset.js';
import { accuracy, backward, softmaxCrossEntropy } from '../bindings/autograd/index.js';
import { decodeBatchOrders, encodeBatchOrders } from '../bindings/train/replay.js';
import { encodeWeights, loadWeights } from '../bindings/train/weights.js';
import { checkWellFormedXml } from './train-xml.js';

const backend = new CpuBackend();
const dir = mkdtempSync(join(tmpdir(), 'webgrad-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Three Gaussian blobs in 4-d, labels 0..2, separable but not trivially. */
function blobs(n: number, seed: number) {
  const r = new RandomStream(seed);
  const x = new Float32Array(n * 4), y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = r.normal() * 0.7 + (j === c ? 1.5 : 0);
  }
  return makeDataset(x, y, [4]);
}

function smallModel(seed: number) {
  return new Sequential(new Linear(4, 16, { seed, backend }), new ReLU(), new Linear(16, 3, { seed: seed + 1, backend }));
}

describe('fit', () => {
  test('classification: loss falls, accuracy rises, one metrics row per epoch, onEpoch each epoch', async () => {
    const model = smallModel(1);
    const seen: EpochMetrics[] = [];
    const { history } = await fit(model, {
      trainData: blobs(300, 1), testData: blobs(90, 2), epochs: 6, batchSize: 32,
      optimizer: new SGD(model.parameters(), { lr: 0.2 }), seed: 3,
      onEpoch: (m, h) => {
        seen.push(m);
        expect(h[h.length - 1]).toBe(m);
      },
    });
    expect(seen).toEqual(history);
    expect(history.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const m of history) {
      expect(m.steps).toBe(10); // 300 / 32 → 9 full batches and one of 12
      expect(m.trainAccuracy).toBeGreaterThanOrEqual(0);
      expect(m.trainAccuracy).toBeLessThanOrEqual(1);
      expect(Number.isFinite(m.testLoss)).toBe(true);
      // the training steps' time excludes the test evaluation that seconds includes
      expect(m.trainSeconds).toBeGreaterThan(0);
      expect(m.trainSeconds).toBeLessThan(m.seconds);
    }
    expect(history[5].trainLoss).toBeLessThan(history[0].trainLoss * 0.8);
    expect(history[0].trainLoss).toBeLessThan(1.2);
    expect(history[5].testAccuracy).toBeGreaterThan(0.8);
    // fit's test accuracy is evaluate()'s
    const final = await evaluate(model, blobs(90, 2));
    expect(final.accuracy).toBeCloseTo(history[5].testAccuracy!, 10);
    model.dispose();
  });

  test('the epoch mean loss is the example-weighted mean of the batch losses', async () => {
    // lr 0: the model never changes, so the epoch loss equals the loss of the whole set.
    const data = blobs(50, 4);
    const model = smallModel(2);
    const { history } = await fit(model, {
      trainData: data, epochs: 1, batchSize: 16, optimizer: new SGD(model.parameters(), { lr: 0 }),
    });
    const whole = await evaluate(model, data, { batchSize: 50 });
    expect(history[0].trainLoss).toBeCloseTo(whole.loss, 5);
    expect(history[0].trainAccuracy).toBeCloseTo(whole.accuracy!, 10);
    expect(history[0].testAccuracy).toBeNull();
    model.dispose();
  });

  test('regression with the squared loss recovers linear weights', async () => {
    const data = syntheticData([2, -3.4], 4.2, 1000, { seed: 5 });
    const model = new Linear(2, 1, { seed: 0, backend });
    const { history } = await fit(model, {
      trainData: data, epochs: 3, batchSize: 10, optimizer: new SGD(model.parameters(), { lr: 0.03 }),
    });
    expect(history[0].trainAccuracy).toBeNull();
    expect(history[2].trainLoss).toBeLessThan(1e-3);
    const w = await model.weight.data(), b = await model.bias!.data();
    expect(Math.abs(w[0] - 2)).toBeLessThan(0.01);
    expect(Math.abs(w[1] + 3.4)).toBeLessThan(0.01);
    expect(Math.abs(b[0] - 4.2)).toBeLessThan(0.01);
    model.dispose();
  });

  test('memory: the number of live tensors is the same after every epoch', async () => {
    const model = smallModel(3);
    const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const counts: number[] = [];
    await fit(model, {
      trainData: blobs(120, 6), testData: blobs(30, 7), epochs: 4, batchSize: 16, optimizer,
      onEpoch: () => void counts.push(liveTensorCount()),
    });
    expect(new Set(counts).size).toBe(1);
    model.dispose();
    optimizer.dispose();
  });

  test('writes the curves (well-formed SVG), metrics.json and weights that load back', async () => {
    const model = d2lModel('mlp', { inputs: 4, classes: 3, hidden: 8, backend, seed: 1 });
    const { history } = await fit(model, {
      trainData: blobs(90, 8), testData: blobs(30, 9), epochs: 3, batchSize: 30,
      optimizer: new SGD(model.parameters(), { lr: 0.5 }),
    });
    const files = await writeRunOutputs(join(dir, 'run'), {
      history, weights: model.namedParameters(), title: 'tiny mlp', config: { lr: 0.5, model: 'mlp' },
    });
    const svg = readFileSync(files.curves, 'utf8');
    expect(checkWellFormedXml(svg).filter((n) => n === 'polyline')).toHaveLength(3);
    expect(svg).toContain('tiny mlp');
    const metrics = JSON.parse(readFileSync(files.metrics, 'utf8'));
    expect(metrics.epochs).toEqual(history);
    expect(metrics.config).toEqual({ lr: 0.5, model: 'mlp' });
    expect(existsSync(files.weights!)).toBe(true);

    const fresh = d2lModel('mlp', { inputs: 4, classes: 3, hidden: 8, backend, seed: 99 });
    expect(fresh.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    const metadata = await loadWeightsFile(files.weights!, fresh.namedParameters());
    expect(metadata).toMatchObject({ format: 'pt', lr: '0.5', model: 'mlp' });
    const x = tensor(blobs(5, 10).x, [5, 4], { backend });
    expect(await fresh.forward(x).data()).toEqual(await model.forward(x).data());
    await expect(loadWeightsFile(files.weights!, d2lModel('softmax', { inputs: 4, classes: 3, backend }).namedParameters()))
      .rejects.toThrow(/unexpected 2.weight, 2.bias|shape/);
  });

  test('replay: training by hand on the exported batch order from the exported initial weights gives fit()\'s losses', async () => {
    const data = blobs(70, 12);
    const model = smallModel(5);
    const initial = await encodeWeights(model.namedParameters());
    const loader = new DataLoader(data, { batchSize: 16, seed: 21 });
    const { orders, batchSize } = decodeBatchOrders(encodeBatchOrders(loader, 3));
    const { history } = await fit(model, {
      trainData: data, epochs: 3, batchSize: 16, seed: 21, optimizer: new SGD(model.parameters(), { lr: 0.3 }),
    });

    const replica = smallModel(77);
    loadWeights(initial, replica.namedParameters());
    const optimizer = new SGD(replica.parameters(), { lr: 0.3 });
    const losses: number[] = [];
    for (const order of orders) {
      let total = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        const rows = Array.from(order.subarray(start, start + batchSize));
        const picked = subset(data, rows);
        const loss = softmaxCrossEntropy(replica.forward(tensor(picked.x, [rows.length, 4], { backend })), picked.y);
        optimizer.zeroGrad();
        backward(loss);
        optimizer.step();
        total += (await loss.data())[0] * rows.length;
        loss.dispose();
      }
      losses.push(total / data.length);
    }
    losses.forEach((l, e) => expect(Math.abs(l - history[e].trainLoss)).toBeLessThan(1e-6));
    model.dispose();
    replica.dispose();
  });

  test('progress: plain epoch lines off a terminal; a bar with the running loss every N steps on one', async () => {
    const model = smallModel(6);
    const chunks: string[] = [];
    const plain = { write: (t: string) => chunks.push(t) };
    await fit(model, { trainData: blobs(64, 3), epochs: 2, batchSize: 16, optimizer: new SGD(model.parameters(), { lr: 0.1 }), progress: plain });
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toMatch(/^epoch 1\/2 {2}loss \d\.\d{4} {2}train acc [\d.]+% {2}[\d.]+s\n$/);

    const tty: string[] = [];
    await fit(model, {
      trainData: blobs(64, 3), epochs: 1, batchSize: 16, optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      progress: { isTTY: true, columns: 100, write: (t: string) => tty.push(t) }, metricsEvery: 2, label: 'run',
    });
    expect(tty.some((t) => /^\rrun 1\/1 loss \d\.\d{4} \[#+/.test(t))).toBe(true);
    expect(tty.at(-1)).toMatch(/^\rrun 1\/1 {2}loss/);
    model.dispose();
  });

  test('evaluate() leaves a model in the mode it found it', async () => {
    const model = smallModel(7);
    model.eval();
    await evaluate(model, blobs(10, 1));
    expect(model.training).toBe(false);
    model.train();
    await evaluate(model, blobs(10, 1));
    expect(model.training).toBe(true);
    model.dispose();
  });

  test('an empty training set, test set or evaluation set is a ValueError, not a loss of 0', async () => {
    const model = smallModel(4);
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const empty = makeDataset(new Float32Array(0), new Uint8Array(0), [4]);
    await expect(fit(model, { trainData: empty, epochs: 1, batchSize: 2, optimizer })).rejects.toThrow(ValueError);
    await expect(fit(model, { trainData: empty, epochs: 1, batchSize: 2, optimizer })).rejects.toThrow(/trainData is empty/);
    await expect(fit(model, { trainData: blobs(10, 1), testData: empty, epochs: 1, batchSize: 2, optimizer }))
      .rejects.toThrow(/testData is empty/);
    await expect(evaluate(model, empty)).rejects.toThrow(/evaluate: the data set is empty/);
    model.dispose();
  });

  test('accuracy counts every batch size: equals autograd accuracy() on the whole set', async () => {
    // lr 0 keeps the model fixed; 50 examples in batches of 16 → sizes 16, 16, 16, 2.
    const data = blobs(50, 6);
    const model = smallModel(8);
    const { history } = await fit(model, {
      trainData: data, epochs: 2, batchSize: 16, optimizer: new SGD(model.parameters(), { lr: 0 }),
    });
    const logits = model.forward(tensor(data.x, [50, 4], { backend }));
    const expected = await accuracy(logits, data.y);
    logits.dispose();
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(1);
    for (const m of history) expect(m.trainAccuracy).toBeCloseTo(expected, 10);
    model.dispose();
  });

  test('accuracy with a loss that ignores the labels still rejects labels out of range, naming the example', async () => {
    const x = blobs(12, 3).x;
    const y = Uint8Array.from({ length: 12 }, (_, i) => (i === 9 ? 3 : i % 3));
    const model = smallModel(5);
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const wrapped = (output: Tensor, batch: HostBatch) => softmaxCrossEntropy(output, Array.from(batch.y, (v) => Math.floor(v) % 3));
    await expect(fit(model, { trainData: makeDataset(x, y, [4]), epochs: 1, batchSize: 4, optimizer, loss: wrapped, shuffle: false }))
      .rejects.toThrow(/label of example 9 is 3: out of range for 3 classes/);
    const fractional = Float32Array.from({ length: 12 }, (_, i) => (i === 2 ? 0.5 : 0));
    await expect(evaluate(model, makeDataset(x, fractional, [4], []), { loss: wrapped, accuracy: true }))
      .rejects.toThrow(/label of example 2 is 0.5: labels must be integer/);
    model.dispose();
  });

  test('bad options', async () => {
    const model = smallModel(4);
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const trainData = blobs(10, 1);
    await expect(fit(model, { trainData, epochs: 0, batchSize: 2, optimizer })).rejects.toThrow(ValueError);
    await expect(fit(model, { trainData, epochs: 1, batchSize: 0, optimizer })).rejects.toThrow(/batchSize/);
    await expect(fit(model, { trainData, epochs: 1, batchSize: 2, optimizer: {} as SGD })).rejects.toThrow(/optimizer/);
    await expect(fit(model, { trainData, epochs: 1, batchSize: 2, optimizer, loss: 'hinge' as 'mse' })).rejects.toThrow(/unknown loss/);
    await expect(fit(model, { trainData, testData: makeDataset(new Float32Array(6), new Uint8Array(2), [3]), epochs: 1, batchSize: 2, optimizer }))
      .rejects.toThrow(/differ/);
  });
});
