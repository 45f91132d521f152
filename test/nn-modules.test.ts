import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { Dropout, Flatten, Linear, ReLU, Sequential, Sigmoid, Tanh, ValueError, init, tensor, tidy } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';
import { uniform } from './random.js';

const values = async (t: wg.Tensor) => Array.from(await t!.data());

describe.each(AUTOGRAD_BACKENDS)('nn modules on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  const input = (shape: number[], seed = 1) => tensor(uniform(shape.reduce((a, b) => a * b), seed), shape, { backend });

  test('Linear stores the weight [out, in] and computes x·Wᵀ + b', async () => {
    const layer = new Linear(3, 2, { backend, seed: 4 });
    expect(layer.weight.shape).toEqual([2, 3]);
    expect(layer.bias!.shape).toEqual([2]);
    expect(layer.namedParameters().map(([name]) => name)).toEqual(['weight', 'bias']);
    const x = input([4, 3]);
    const [w, b, xs, y] = await Promise.all([layer.weight.data(), layer.bias!.data(), x.data(), layer.forward(x).data()]);
    for (let n = 0; n < 4; n++)
      for (let o = 0; o < 2; o++) {
        let want = b[o];
        for (let i = 0; i < 3; i++) want += xs[n * 3 + i] * w[o * 3 + i];
        expect(y[n * 2 + o]).toBeCloseTo(want, 5);
      }
  });

  test('Linear without bias, and PyTorch default init bounds U(±1/√in)', async () => {
    const layer = new Linear(16, 8, { backend, bias: false, seed: 2 });
    expect(layer.bias).toBeNull();
    expect(layer.parameters()).toHaveLength(1);
    expect((await values(layer.weight)).every((v) => Math.abs(v) <= 0.25)).toBe(true);
    expect(Math.max(...(await values(layer.weight)).map(Math.abs))).toBeGreaterThan(0.2);
  });

  test('Linear initialisers by option, and reproducible from a seed', async () => {
    const a = new Linear(5, 4, { backend, seed: 9, init: { weight: init.normal(0.01), bias: init.zeros() } });
    const b = new Linear(5, 4, { backend, seed: 9, init: { weight: init.normal(0.01), bias: init.zeros() } });
    const c = new Linear(5, 4, { backend, seed: 10, init: { weight: init.normal(0.01) } });
    expect(await values(a.weight)).toEqual(await values(b.weight));
    expect(await values(a.weight)).not.toEqual(await values(c.weight));
    expect(await values(a.bias!)).toEqual([0, 0, 0, 0]);
    expect((await values(a.weight)).every((v) => Math.abs(v) < 0.05)).toBe(true);
  });

  test('manualSeed makes default-seeded layers reproducible', async () => {
    wg.manualSeed(42);
    const a = new Linear(3, 3, { backend });
    const d1 = new Dropout(0.5);
    wg.manualSeed(42);
    const b = new Linear(3, 3, { backend });
    const d2 = new Dropout(0.5);
    expect(await values(a.weight)).toEqual(await values(b.weight));
    expect(d1.seed).toBe(d2.seed);
  });

  test('Sequential names parameters as PyTorch does and fuses Linear → ReLU', async () => {
    const l1 = new Linear(4, 5, { backend, seed: 1 }), l2 = new Linear(5, 3, { backend, seed: 2 });
    const model = new Sequential(new Flatten(), l1, new ReLU(), l2);
    expect(model.namedParameters().map(([name, p]) => [name, p.shape])).toEqual([
      ['1.weight', [5, 4]], ['1.bias', [5]], ['3.weight', [3, 5]], ['3.bias', [3]],
    ]);
    const x = input([2, 2, 2], 3);
    const fused = await values(model.forward(x));
    const unfused = await values(l2.forward(l1.forward(x.reshape([2, 4])).relu()));
    fused.forEach((v, i) => expect(v).toBeCloseTo(unfused[i], 6));
    // and the gradients agree as well
    tidy(() => model.forward(x).square().sum().backward());
    const fusedGrads = await Promise.all(model.parameters().map((p) => values(p.grad!)));
    model.zeroGrad();
    tidy(() => l2.forward(l1.forward(x.reshape([2, 4])).relu()).square().sum().backward());
    const unfusedGrads = await Promise.all(model.parameters().map((p) => values(p.grad!)));
    unfusedGrads.forEach((grads, i) => grads.forEach((g, j) => expect(g).toBeCloseTo(fusedGrads[i][j], 5)));
  });

  test('Sigmoid, Tanh and Flatten modules', async () => {
    const x = input([2, 1, 3]);
    const xs = await values(x);
    expect((await values(new Sigmoid().forward(x))).map((v, i) => v - 1 / (1 + Math.exp(-xs[i]))).every((d) => Math.abs(d) < 1e-6)).toBe(true);
    expect((await values(new Tanh().forward(x))).map((v, i) => v - Math.tanh(xs[i])).every((d) => Math.abs(d) < 1e-6)).toBe(true);
    expect(new Flatten().forward(x).shape).toEqual([2, 3]);
    expect(new Flatten(0).forward(x).shape).toEqual([6]);
  });

  test('Dropout: masks in training, a new mask each call, identity in eval', async () => {
    const drop = new Dropout(0.5, { seed: 11 });
    const model = new Sequential(drop);
    const x = tensor(new Float32Array(256).fill(1), [2, 128], { backend });
    const first = await values(model.forward(x)), second = await values(model.forward(x));
    for (const out of [first, second]) {
      expect(out.every((v) => v === 0 || v === 2)).toBe(true);
      const kept = out.filter((v) => v === 2).length;
      expect(kept).toBeGreaterThan(96);
      expect(kept).toBeLessThan(160);
    }
    expect(first).not.toEqual(second);
    model.eval();
    expect(drop.training).toBe(false);
    expect(model.forward(x)).toBe(x);
    model.train();
    expect(drop.training).toBe(true);
    // replay: a layer with the same seed draws the same masks
    const replay = new Dropout(0.5, { seed: 11 });
    expect(await values(replay.forward(x))).toEqual(first);
    expect(() => new Dropout(1)).toThrow(ValueError);
    expect(() => new Dropout(-0.2)).toThrow(/p must be a number in \[0, 1\)/);
  });

  test('apply() visits every module, as d2l initialises nets', async () => {
    const model = new Sequential(new Linear(3, 4, { backend }), new ReLU(), new Linear(4, 2, { backend }));
    model.apply((m) => {
      if (m instanceof Linear) {
        init.initialize(m.weight, init.constant(0.5));
        init.initialize(m.bias!, init.zeros());
      }
    });
    expect(await values(model.parameters()[0])).toEqual(new Array(12).fill(0.5));
    expect(await values(model.parameters()[3])).toEqual([0, 0]);
  });

  test('weights load by name with copyFrom(), from host values or tensors', async () => {
    const source = new Sequential(new Linear(3, 2, { backend, seed: 5 }), new ReLU(), new Linear(2, 1, { backend, seed: 6 }));
    const target = new Sequential(new Linear(3, 2, { backend, seed: 7 }), new ReLU(), new Linear(2, 1, { backend, seed: 8 }));
    const saved = new Map(await Promise.all(source.namedParameters().map(async ([name, p]) => [name, await p.data()] as const)));
    for (const [name, p] of target.namedParameters()) p.copyFrom(saved.get(name)!);
    const x = input([4, 3]);
    expect(await values(target.forward(x))).toEqual(await values(source.forward(x)));
    const [w] = target.parameters();
    w.copyFrom(tensor([1, 2, 3, 4, 5, 6], [3, 2], { backend }));
    expect(await values(w)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(w.shape).toEqual([2, 3]);
    expect(() => w.copyFrom([1, 2])).toThrow(/expected 6 values for \[2, 3\]/);
    expect(() => w.copyFrom(tensor([1], [1], { backend }))).toThrow(wg.ShapeError);
  });

  test('dispose() frees the parameters', async () => {
    const before = backend.memoryStats().liveStorages;
    const model = new Sequential(new Linear(3, 4, { backend }), new Linear(4, 2, { backend }));
    expect(backend.memoryStats().liveStorages).toBe(before + 4);
    model.dispose();
    expect(backend.memoryStats().liveStorages).toBe(before);
  });
});
