/** A training step inside tidy() leaves the live tensor and storage counts unchanged, step after step. */
import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { Adam, Dropout, Flatten, Linear, ReLU, SGD, Sequential, tensor, tidy } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';
import { labels, uniform } from './random.js';

describe.each(AUTOGRAD_BACKENDS)('memory over many training steps on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });

  test.each([
    ['SGD with momentum', (ps: wg.Tensor[]) => new SGD(ps, { lr: 0.1, momentum: 0.9, weightDecay: 1e-3 })],
    ['Adam', (ps: wg.Tensor[]) => new Adam(ps, { lr: 1e-2 })],
  ] as const)('dropout MLP with cross-entropy and %s', async (_opt, makeOptimizer) => {
    const model = new Sequential(
      new Flatten(), new Linear(12, 16, { backend, seed: 1 }), new ReLU(), new Dropout(0.5, { seed: 2 }),
      new Linear(16, 8, { backend, seed: 3 }), new ReLU(), new Linear(8, 3, { backend, seed: 4 }),
    );
    const optimizer = makeOptimizer(model.parameters());
    const x = tensor(uniform(5 * 12, 1), [5, 3, 4], { backend });
    const y = Array.from(labels(5, 3, 2));
    const losses: number[] = [];
    let counts: [number, number] | null = null;
    for (let step = 0; step < 300; step++) {
      const loss = tidy(() => {
        optimizer.zeroGrad();
        const l = wg.softmaxCrossEntropy(model.forward(x), y);
        l.backward();
        optimizer.step();
        return l;
      });
      if (step % 50 === 0) losses.push((await loss.data())[0]);
      loss.dispose();
      // The backend's own counts: the process-wide tensor count also falls as earlier tests' garbage is collected.
      const now: [number, number] = [backend.memoryStats().liveStorages, backend.memoryStats().reservedBytes];
      if (step === 10) counts = now;
      if (step > 10) expect(now).toEqual(counts);
    }
    // and it learns: the loss on this fixed batch falls
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    optimizer.dispose();
    model.dispose();
    x.dispose();
  });

  test('linear regression with squared loss, d2l style', async () => {
    const w = tensor(uniform(2, 5, -0.01, 0.01), [2, 1], { backend, requiresGrad: true });
    const b = tensor([0], [1], { backend, requiresGrad: true });
    const trueW = [2, -3.4], trueB = 4.2;
    const xs = uniform(64 * 2, 6);
    const ys = Float32Array.from({ length: 64 }, (_, i) => xs[2 * i] * trueW[0] + xs[2 * i + 1] * trueW[1] + trueB);
    const X = tensor(xs, [64, 2], { backend }), Y = tensor(ys, [64, 1], { backend });
    const optimizer = new SGD([w, b], { lr: 0.3 });
    let counts: number[] | null = null;
    for (let step = 0; step < 300; step++) {
      tidy(() => {
        optimizer.zeroGrad();
        wg.squaredLoss(X.matmul(w).add(b), Y).mean().backward();
        optimizer.step();
      });
      const now = [backend.memoryStats().liveStorages];
      if (step === 1) counts = now;
      if (step > 1) expect(now).toEqual(counts);
    }
    const [w0, w1] = await w.data();
    expect(w0).toBeCloseTo(2, 2);
    expect(w1).toBeCloseTo(-3.4, 2);
    expect((await b.data())[0]).toBeCloseTo(4.2, 2);
    for (const t of [w, b, X, Y]) t.dispose();
    optimizer.dispose();
  });
});
