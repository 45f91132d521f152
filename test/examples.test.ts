/** Every d2l example runs on reduced data, and its figure is the one the experiment is about. */
import { createWasmBackend, type WasmBackend } from '../bindings/wasm/wasm-backend.js';
import { main as linearScratch } from '../examples/linear-regression-scratch.js';
import { main as linearConcise } from '../examples/linear-regression-concise.js';
import { main as polynomial } from '../examples/polynomial-regression.js';
import { main as weightDecay } from '../examples/weight-decay.js';
import { main as softmax } from '../examples/softmax-regression.js';
import { main as mlp } from '../examples/mlp.js';
import { main as dropoutMlp } from '../examples/dropout-mlp.js';
import { main as xavier } from '../examples/xavier-init.js';
import { main as fashionMnist } from '../examples/fashion-mnist.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochMetrics } from '../bindings/train/fit.js';

let backend: WasmBackend;
const lines: string[] = [];
const log = (line: string) => void lines.push(line);
beforeAll(async () => {
  backend = await createWasmBackend();
});
afterAll(() => backend.dispose());
beforeEach(() => {
  lines.length = 0;
});

describe('examples', () => {
  test('linear regression from scratch recovers w = [2, -3.4], b = 4.2', async () => {
    const r = await linearScratch({ backend, log });
    for (const e of [...r.wError, r.bError]) expect(Math.abs(e)).toBeLessThan(0.01);
    expect(r.epochLosses[2]).toBeLessThan(1e-3);
    expect(lines.some((l) => l.startsWith('error in estimating w'))).toBe(true);
  });

  test('concise linear regression recovers them too', async () => {
    const r = await linearConcise({ backend, log, limit: 500 });
    for (const e of [...r.wError, r.bError]) expect(Math.abs(e)).toBeLessThan(0.01);
    expect(lines.some((l) => l.startsWith('error in estimating b'))).toBe(true);
  });

  test('polynomial regression: the third-order fit finds the weights; two features underfit', async () => {
    const [right, under] = await polynomial({ backend, log, fits: [[4, 200], [2, 200]] });
    const want = [5, 1.2, -3.4, 5.6];
    right.weights.forEach((w, i) => expect(Math.abs(w - want[i])).toBeLessThan(0.3));
    expect(right.testLoss).toBeLessThan(0.1);
    expect(under.trainLoss).toBeGreaterThan(10 * right.trainLoss);
    expect(under.testLoss).toBeGreaterThan(10 * right.testLoss);
  });

  test('polynomial regression: all 20 features fit the training set better than the test set', async () => {
    const [over] = await polynomial({ backend, log, fits: [[20, 300]] });
    expect(over.weights).toHaveLength(20);
    expect(over.testLoss).toBeGreaterThan(over.trainLoss);
  });

  test('weight decay: λ = 3 shrinks ‖w‖ and the test loss that λ = 0 overfits', async () => {
    const { scratch, concise } = await weightDecay({ backend, log, epochs: 50 });
    for (const [free, decayed] of [scratch, concise]) {
      expect(decayed.wNorm).toBeLessThan(free.wNorm / 5);
      expect(free.trainLoss).toBeLessThan(free.testLoss / 100);
      expect(decayed.testLoss).toBeLessThan(free.testLoss);
    }
    expect(lines[0]).toMatch(/^from scratch, λ = 0: ‖w‖ = /);
    expect(lines[3]).toMatch(/^concise \(SGD weight_decay\), λ = 3: ‖w‖ = /);
  });

  test('Fashion-MNIST (3.5): [1, 28, 28] images, a labelled batch drawn, an epoch read, resized batches', async () => {
    const figuresDir = mkdtempSync(join(tmpdir(), 'webgrad-fashion-'));
    const r = await fashionMnist({ backend, log, limit: 50, figuresDir });
    expect([r.trainLength, r.testLength]).toEqual([500, 500]);
    expect(r.exampleShape).toEqual([1, 28, 28]);
    expect(r.batches).toBe(2);
    expect(r.resizedShapes).toEqual([[32, 1, 64, 64], [32]]);
    expect(r.titles).toHaveLength(18);
    const svg = readFileSync(r.figure!, 'utf8');
    for (const title of r.titles) expect(svg).toContain(`>${title}<`);
    expect(svg).not.toContain('NaN');
  });

  // Fashion-MNIST examples on 100 images per class (1,000 / 1,000), 2-3 epochs.
  const reduced = { limit: 100, log };
  const improves = (h: EpochMetrics[]) => {
    expect(h[h.length - 1].trainLoss).toBeLessThan(h[0].trainLoss);
    expect(h[h.length - 1].testAccuracy).toBeGreaterThan(0.3); // chance is 0.1
  };

  test('softmax regression', async () => {
    const h = await softmax({ ...reduced, backend, epochs: 3 });
    expect(h).toHaveLength(3);
    improves(h);
    expect(lines.filter((l) => /^epoch \d\/3 {2}loss/.test(l))).toHaveLength(3);
  });

  // From N(0, 0.01²) weights the MLPs start slowly: give them 3,000 images (36 steps).
  test('MLP, with fit() drawing the training curves on an Animator', async () => {
    const figuresDir = mkdtempSync(join(tmpdir(), 'webgrad-mlp-'));
    const h = await mlp({ ...reduced, limit: 300, backend, epochs: 3, figuresDir });
    improves(h);
    expect(h[h.length - 1].testAccuracy).toBeGreaterThan(0.5);
    const svg = readFileSync(join(figuresDir, 'mlp-training.svg'), 'utf8');
    for (const name of ['train loss', 'train acc', 'test acc']) expect(svg).toContain(name);
    // Three series of three epochs: one polyline each.
    expect(svg.match(/<polyline/g)).toHaveLength(3);
    expect(svg).not.toContain('NaN');
  });

  test('dropout MLP', async () => {
    // lr 0.5 with dropout wanders for the first ~40 steps before it learns: 8 epochs of 12 steps.
    const h = await dropoutMlp({ ...reduced, limit: 300, backend, epochs: 8 });
    improves(h);
    expect(h[h.length - 1].testAccuracy).toBeGreaterThan(0.5);
  });

  test('Xavier initialisation learns faster than N(0, 0.01²) in the first epoch', async () => {
    const { xavier: x, normal: n } = await xavier({ ...reduced, backend, epochs: 2 });
    expect(x[0].trainLoss).toBeLessThan(n[0].trainLoss);
    expect(lines[0]).toMatch(/Xavier/);
    expect(lines).toHaveLength(3);
  });
});
