import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { DisposedError, ShapeError, ValueError, liveTensorCount, noGrad, tensor, tidy } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';

const values = async (t: wg.Tensor | null) => Array.from(await t!.data());

describe.each(AUTOGRAD_BACKENDS)('autograd semantics on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  const leaf = (data: number[], shape?: number[]) => tensor(data, shape, { backend, requiresGrad: true });
  const constant = (data: number[], shape?: number[]) => tensor(data, shape, { backend });

  test('gradients accumulate across backward() calls until zeroGrad()', async () => {
    const x = leaf([1, 2, 3]);
    const y = x.mul(x).sum();
    y.backward(undefined, { retainGraph: true });
    expect(await values(x.grad)).toEqual([2, 4, 6]);
    y.backward();
    expect(await values(x.grad)).toEqual([4, 8, 12]);
    // a fresh forward accumulates too
    x.mul(3).sum().backward();
    expect(await values(x.grad)).toEqual([7, 11, 15]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
    x.mul(x).sum().backward();
    expect(await values(x.grad)).toEqual([2, 4, 6]);
  });

  test('a second backward() through a freed graph throws DisposedError', async () => {
    const x = leaf([1, 2]);
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(DisposedError);
    expect(() => y.backward()).toThrow(/retainGraph/);
  });

  test('gradients flow along every path of a diamond', async () => {
    const a = leaf([1, 2]), b = leaf([3, 5]);
    const y = a.mul(b).add(a).sum(); // dy/da = b + 1, dy/db = a
    y.backward();
    expect(await values(a.grad)).toEqual([4, 6]);
    expect(await values(b.grad)).toEqual([1, 2]);
  });

  test('backward() on a non-scalar needs a gradient of its shape', async () => {
    const x = leaf([1, 2, 3, 4], [2, 2]);
    const y = x.mul(2);
    expect(() => y.backward()).toThrow(ShapeError);
    expect(() => y.backward()).toThrow(/\[2, 2\] needs a gradient/);
    expect(() => y.backward(constant([1, 1]))).toThrow(/gradient of shape \[2\] does not match .*\[2, 2\]/);
    y.backward(constant([1, 0, 2, -1], [2, 2]));
    expect(await values(x.grad)).toEqual([2, 0, 4, -2]);
  });

  test('backward() on a tensor that does not require grad throws ValueError', async () => {
    const x = constant([1, 2]);
    expect(() => x.sum().backward()).toThrow(ValueError);
    expect(() => x.sum().backward()).toThrow(/does not require grad/);
  });

  test('backward() on a one-element leaf sets its gradient to one', async () => {
    const x = leaf([5]);
    x.backward();
    expect(await values(x.grad)).toEqual([1]);
  });

  test('noGrad() records nothing and restores grad mode, even after a throw', async () => {
    const x = leaf([1, 2]);
    const y = noGrad(() => {
      expect(wg.isGradEnabled()).toBe(false);
      return x.mul(x);
    });
    expect(wg.isGradEnabled()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(y.gradNode).toBeNull();
    expect(() => noGrad(() => { throw new Error('inside'); })).toThrow('inside');
    expect(wg.isGradEnabled()).toBe(true);
    expect(x.mul(x).requiresGrad).toBe(true);
  });

  test('detach() shares data but stops gradients', async () => {
    const x = leaf([1, 2, 3]);
    const d = x.detach();
    expect(d.requiresGrad).toBe(false);
    expect(await values(d)).toEqual([1, 2, 3]);
    x.mul(d).sum().backward(); // only the first factor is differentiated
    expect(await values(x.grad)).toEqual([1, 2, 3]);
  });

  test('gradients are plain tensors: backward records no graph of its own', async () => {
    const x = leaf([1, 2]);
    x.square().sum().backward();
    expect(x.grad!.requiresGrad).toBe(false);
    expect(x.grad!.gradNode).toBeNull();
  });

  test('constants get no gradient', async () => {
    const x = leaf([1, 2]), c = constant([3, 4]);
    x.mul(c).sum().backward();
    expect(c.grad).toBeNull();
    expect(await values(x.grad)).toEqual([3, 4]);
  });

  test('tidy() frees every intermediate and the graph of an unreturned loss', async () => {
    const x = leaf([1, 2, 3, 4, 5, 6], [2, 3]), w = leaf([1, 0, -1, 2, 1, 0], [2, 3]);
    const tensorsBefore = liveTensorCount(), storagesBefore = backend.memoryStats().liveStorages;
    tidy(() => {
      wg.softmaxCrossEntropy(wg.linear(x, w, null, { relu: true }).sigmoid().mul(2), [0, 1]);
    });
    expect(liveTensorCount()).toBe(tensorsBefore);
    expect(backend.memoryStats().liveStorages).toBe(storagesBefore);
  });

  test('tidy() frees every intermediate and saved tensor once backward() ran; gradients survive', async () => {
    const x = leaf([1, 2, 3, 4, 5, 6], [2, 3]), w = leaf([1, 0, -1, 2, 1, 0], [2, 3]);
    const tensorsBefore = liveTensorCount(), storagesBefore = backend.memoryStats().liveStorages;
    tidy(() => {
      wg.mseLoss(wg.linear(x, w).tanh().softmax(), constant([0, 1, 1, 0], [2, 2])).backward();
    });
    expect(liveTensorCount()).toBe(tensorsBefore + 2);
    expect(backend.memoryStats().liveStorages).toBe(storagesBefore + 2);
    expect(x.grad!.disposed).toBe(false);
    expect(w.grad!.disposed).toBe(false);
  });

  test('a loss returned from tidy() keeps just its graph alive: backward() works, then everything is freed', async () => {
    const x = leaf([0.5, -1, 2], [1, 3]);
    const tensorsBefore = liveTensorCount();
    const loss = tidy(() => x.mul(x).exp().log().sigmoid().sum());
    expect(liveTensorCount()).toBeGreaterThan(tensorsBefore + 1); // the loss and its saved tensors
    loss.backward();
    expect(liveTensorCount()).toBe(tensorsBefore + 2); // the loss and x.grad
    loss.dispose();
    expect(liveTensorCount()).toBe(tensorsBefore + 1);
    const s = [0.5, -1, 2].map((v) => 1 / (1 + Math.exp(-v * v)));
    (await values(x.grad)).forEach((g, i) => expect(g).toBeCloseTo(s[i] * (1 - s[i]) * 2 * [0.5, -1, 2][i], 5));
  });

  test('disposing the outputs frees the graph without backward()', async () => {
    const x = leaf([1, 2, 3]);
    const tensorsBefore = liveTensorCount(), storagesBefore = backend.memoryStats().liveStorages;
    const a = x.exp(), b = a.mul(a), c = b.sum();
    a.dispose();
    b.dispose(); // c's graph still holds what it needs
    expect(liveTensorCount()).toBeGreaterThan(tensorsBefore + 1);
    c.dispose();
    expect(liveTensorCount()).toBe(tensorsBefore);
    expect(backend.memoryStats().liveStorages).toBe(storagesBefore);
  });

  test('backward() still works after intermediates were disposed by hand', async () => {
    const x = leaf([1, 2]);
    const a = x.square();
    const loss = a.mul(3).sum();
    a.dispose();
    loss.backward();
    expect(await values(x.grad)).toEqual([6, 12]);
  });

  test('keep() exempts a tensor from every enclosing tidy() scope', async () => {
    let inner: wg.Tensor | null = null, plain: wg.Tensor | null = null;
    tidy(() => {
      tidy(() => {
        inner = constant([1]).keep();
        plain = constant([2]);
      });
    });
    expect(inner!.disposed).toBe(false);
    expect(plain!.disposed).toBe(true);
    inner!.dispose();
  });

  test('parameters used inside tidy() survive it', async () => {
    const model = new wg.nn.Linear(3, 2, { backend, seed: 1 });
    tidy(() => model.forward(constant([1, 2, 3], [1, 3])).sum().backward());
    for (const p of model.parameters()) {
      expect(p.disposed).toBe(false);
      expect(p.grad!.disposed).toBe(false);
    }
  });

  test('ops on mismatched shapes throw ShapeError naming both shapes', async () => {
    const a = leaf([1, 2, 3, 4, 5, 6], [2, 3]), b = leaf([1, 2, 3, 4], [4]);
    expect(() => a.add(b)).toThrow(ShapeError);
    expect(() => a.add(b)).toThrow(/\[2, 3\] and \[4\]/);
    expect(() => a.matmul(a)).toThrow(/\[2, 3\].*\[2, 3\]/);
    expect(() => wg.linear(a, b.reshape([2, 2]))).toThrow(/x \[2, 3\] and weight \[2, 2\]/);
    expect(() => a.reshape([4, 2])).toThrow(/cannot view 6 elements as shape \[4, 2\]/);
    expect(() => a.sum(2)).toThrow(/axis 2 is out of range/);
    expect(() => wg.squaredLoss(a, b)).toThrow(/\[2, 3\] and target \[4\]/);
  });

  test('bad arguments throw typed errors', async () => {
    const x = leaf([1, 2, 3]);
    for (const p of [-0.1, 1, 2, NaN]) expect(() => wg.dropout(x, { p, seed: 1 })).toThrow(/p must be a number in \[0, 1\)/);
    expect(() => wg.dropout(x, { p: 1, seed: 1, training: false })).toThrow(ValueError);
    expect(() => x.add(NaN)).toThrow(ValueError);
    // x / 0 is ±Inf (NaN for 0 / 0), as in PyTorch.
    expect(await values(x.div(0))).toEqual([Infinity, Infinity, Infinity]);
    expect(() => wg.softmaxCrossEntropy(x.reshape([1, 3]), [3])).toThrow(/out of range for 3 classes/);
    expect(() => wg.softmaxCrossEntropy(x, [0])).toThrow(ShapeError);
    expect(() => wg.squaredLoss(x, x, { reduction: 'avg' as never })).toThrow(/reduction must be/);
  });

  test('a disposed tensor cannot be used by ops or backward()', async () => {
    const x = leaf([1, 2]);
    const y = x.mul(2).sum();
    x.dispose();
    expect(() => x.exp()).toThrow(DisposedError);
    y.dispose();
    expect(() => y.backward()).toThrow(DisposedError);
  });

  test('dropout: eval is the identity, training replays its mask in backward', async () => {
    const x = leaf(Array.from({ length: 64 }, (_, i) => i + 1));
    expect(wg.dropout(x, { p: 0.5, seed: 3, training: false })).toBe(x);
    const y = wg.dropout(x, { p: 0.5, seed: 3, offset: 1 });
    const out = await values(y);
    y.sum().backward();
    const grad = await values(x.grad);
    out.forEach((v, i) => {
      if (v === 0) expect(grad[i]).toBe(0);
      else {
        expect(v).toBeCloseTo(2 * (i + 1), 4);
        expect(grad[i]).toBe(2);
      }
    });
    const dropped = out.filter((v) => v === 0).length;
    expect(dropped).toBeGreaterThan(16);
    expect(dropped).toBeLessThan(48);
    // same seed and offset: same mask; another offset: another mask
    expect(await values(wg.dropout(x, { p: 0.5, seed: 3, offset: 1 }))).toEqual(out);
    expect(await values(wg.dropout(x, { p: 0.5, seed: 3, offset: 2 }))).not.toEqual(out);
  });

  test('argmax, correctCount and accuracy', async () => {
    const logits = constant([0.1, 0.9, 0, 2, 1, 0, 0, 0, 3], [3, 3]);
    expect(await values(logits.argmax(1))).toEqual([1, 0, 2]);
    expect(await values(logits.argmax(-1, true))).toEqual([1, 0, 2]);
    expect(logits.argmax(1, true).shape).toEqual([3, 1]);
    expect(await values(logits.argmax(0))).toEqual([1, 1, 2]);
    // Without an axis, PyTorch's index into the flattened tensor.
    expect(await values(logits.argmax())).toEqual([8]);
    expect(await values(wg.argmin(logits, 1))).toEqual([2, 2, 0]);
    expect(await values(wg.correctCount(logits, [1, 0, 0]))).toEqual([2]);
    expect(await wg.accuracy(logits, [1, 0, 0])).toBeCloseTo(2 / 3, 6);
  });

  test('cross-entropy matches log-softmax picked at the label, and stays finite for logits of ±1e4', async () => {
    const logits = constant([1, 2, 3, 1e4, -1e4, 0], [2, 3]);
    const fused = await values(wg.softmaxCrossEntropy(logits, [2, 1], { reduction: 'none' }));
    const logp = await values(logits.logSoftmax());
    expect(fused[0]).toBeCloseTo(-logp[2], 5);
    expect(fused[1]).toBeCloseTo(2e4, 0);
    expect(fused.every(Number.isFinite)).toBe(true);
  });
});
