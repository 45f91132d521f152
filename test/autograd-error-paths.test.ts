/** Error paths free what they allocated, bad arguments get typed errors, and gradient plumbing copies only when it must. */
import type { Backend } from '../bindings/backend.js';
import {
  ShapeError, ValueError, add, backward, defineOp, exp, kernels as k, linear, liveTensorCount, mean, mul,
  softmaxCrossEntropy, sum, tensor, tidy,
} from '../bindings/index.js';
import { makeDataset } from '../bindings/data/dataset.js';
import { Linear, ReLU, SGD, Sequential, fit } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';

const values = async (t: { data(): Promise<Float32Array> }) => Array.from(await t.data());

describe.each(AUTOGRAD_BACKENDS)('error paths on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  const counts = () => ({ tensors: liveTensorCount(), storages: backend.memoryStats().liveStorages });

  test('tidy disposes the tensors made inside it when fn throws, and rethrows', () => {
    const outside = tensor([1, 2], [2], { backend });
    const before = counts();
    const failure = new Error('step failed');
    expect(() =>
      tidy(() => {
        const a = tensor([1, 2, 3], [3], { backend });
        tidy(() => exp(a)); // a nested scope that finished hands nothing up
        mul(exp(a), 2);
        throw failure;
      }),
    ).toThrow(failure);
    expect(counts()).toEqual(before);
    expect(outside.disposed).toBe(false);
    outside.dispose();
  });

  test('a failing loss inside tidy (a bad label) frees the step: inputs, activations and the saved graph', () => {
    const w = tensor([0.1, -0.2, 0.3, 0.4, 0.5, -0.6], [3, 2], { backend, requiresGrad: true });
    const before = counts();
    expect(() =>
      tidy(() => {
        const x = tensor([1, 2, 3, 4], [2, 2], { backend });
        const logits = linear(x, w);
        const loss = softmaxCrossEntropy(logits, [0, 7]); // 7 is out of range for 3 classes
        backward(loss);
      }),
    ).toThrow(ValueError);
    expect(counts()).toEqual(before);
    w.dispose();
  });

  test('tidy rejects a function that returns a promise, at once, and leaves nothing behind', async () => {
    const before = counts();
    let resumed = false;
    expect(() =>
      tidy(async () => {
        const a = tensor([1, 2], [2], { backend });
        await null;
        resumed = true;
        return a;
      }),
    ).toThrow(/tidy needs a synchronous function/);
    expect(() => tidy(() => Promise.resolve(1))).toThrow(ValueError);
    expect(counts()).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(resumed).toBe(true); // the abandoned promise ran on without an unhandled rejection
  });

  test('backward frees the incoming gradient and temporaries when an op backward throws', () => {
    const failing = defineOp({
      name: 'failingBackward',
      forward: ([x]) => k.copy(x),
      backward: (dy) => {
        k.copy(dy); // a temporary the tidy() around backward must free
        throw new Error('backward failed');
      },
    });
    const x = tensor([1, 2, 3], [3], { backend, requiresGrad: true });
    const before = counts();
    const y = failing([x], undefined);
    const e = exp(y);
    const root = sum(e);
    expect(() => backward(root)).toThrow('backward failed');
    for (const t of [root, e, y]) t.dispose();
    expect(counts()).toEqual(before);
    expect(x.grad).toBeNull();
    x.dispose();
  });

  test('crossEntropy frees its labels and outputs when the kernel throws', () => {
    const logits = tensor([1, 2, 3, 4], [2, 2], { backend });
    const before = counts();
    const kernel = backend.crossEntropy;
    backend.crossEntropy = () => {
      throw new Error('kernel failed');
    };
    try {
      expect(() => k.crossEntropy(logits, [0, 1], { grad: true })).toThrow('kernel failed');
    } finally {
      backend.crossEntropy = kernel;
    }
    expect(counts()).toEqual(before);
    logits.dispose();
  });

  test('rank-0 tensors accept axis 0 and -1', async () => {
    const s = tensor(3, [], { backend, requiresGrad: true });
    for (const axis of [0, -1]) {
      const total = sum(s, axis);
      expect(total.shape).toEqual([]);
      expect(await values(total)).toEqual([3]);
      const average = mean(s, [axis]);
      expect(await values(average)).toEqual([3]);
      backward(average);
      total.dispose();
      average.dispose();
      expect(await values(k.sum(s, axis))).toEqual([3]);
    }
    expect(await values(s.grad!)).toEqual([2]);
    expect(() => sum(s, -2)).toThrow(ShapeError);
    expect(() => sum(s, 1)).toThrow(ShapeError);
    s.dispose();
  });

  test('gradients of an unbroadcast add are separate tensors: accumulating into one leaves the other', async () => {
    const a = tensor([1, 2], [2], { backend, requiresGrad: true });
    const b = tensor([3, 4], [2], { backend, requiresGrad: true });
    tidy(() => backward(sum(add(a, b))));
    expect(a.grad).not.toBe(b.grad);
    tidy(() => backward(sum(mul(a, 3))));
    expect(await values(a.grad!)).toEqual([4, 4]);
    expect(await values(b.grad!)).toEqual([1, 1]);
    a.dispose();
    b.dispose();
  });
});

describe('argument checks', () => {
  test('a non-tensor argument to an op is a ValueError naming the op and the argument', () => {
    const w = tensor([1, 2, 3, 4], [2, 2]);
    const x = tensor([1, 2], [1, 2]);
    expect(() => linear(x, undefined as never)).toThrow(/^linear: weight must be a Tensor, got undefined/);
    expect(() => linear(x, undefined as never)).toThrow(ValueError);
    expect(() => linear([1, 2] as never, w)).toThrow(/linear: x must be a Tensor, got an array of 2/);
    expect(() => linear(x, w, 3 as never)).toThrow(/linear: bias must be a Tensor/);
    expect(() => exp({ shape: [1] } as never)).toThrow(/exp: input 0 must be a Tensor/);
    expect(() => sum(null as never)).toThrow(/sum: x must be a Tensor, got null/);
    w.dispose();
    x.dispose();
  });

  test('non-numeric host data is a ValueError, never NaN', async () => {
    expect(() => tensor(['a', 'b'] as never)).toThrow(ValueError);
    expect(() => tensor(['a', 'b'] as never)).toThrow(/tensor: value 0 is the string 'a', not a number/);
    expect(() => tensor([1, undefined] as never)).toThrow(/value 1 is undefined/);
    expect(() => tensor('ab' as never)).toThrow(ValueError);
    expect(() => tensor(null as never)).toThrow(ValueError);
    const t = tensor([1, 2]);
    expect(() => t.copyFrom({ length: 2 } as never)).toThrow(/copyFrom: value 0 is undefined/);
    expect(() => t.copyFrom([1, '2'] as never)).toThrow(ValueError);
    expect(await values(t)).toEqual([1, 2]);
    t.copyFrom(Int32Array.of(5, 6));
    expect(await values(t)).toEqual([5, 6]);
    t.dispose();
    const special = tensor([NaN, Infinity]);
    expect(await values(special)).toEqual([NaN, Infinity]);
    special.dispose();
  });
});

describe('broadcast kernels', () => {
  test('sumTo returns its input when there is nothing to sum, and sums otherwise', async () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(k.sumTo(x, [2, 3])).toBe(x);
    const rows = k.sumTo(x, [1, 3]);
    expect(await values(rows)).toEqual([5, 7, 9]);
    rows.dispose();
    x.dispose();
  });

  test('broadcastTo is one kernel writing a fresh output, with the right values', async () => {
    const cpu = await AUTOGRAD_BACKENDS[0][1]();
    const calls: string[] = [];
    for (const name of ['fill', 'binary', 'stridedCopy', 'copy'] as const) {
      const primitive = cpu[name] as (...args: unknown[]) => void;
      (cpu as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        calls.push(name);
        primitive.apply(cpu, args);
      };
    }
    const x = tensor([1, 2, 3], [3, 1], { backend: cpu });
    calls.length = 0;
    const y = k.broadcastTo(x, [2, 3, 2]);
    expect(calls).toEqual(['stridedCopy']);
    expect(await values(y)).toEqual([1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3]);
    x.dispose();
    y.dispose();
  });
});

test('fit() steps that fail on a bad label leave no tensors behind', async () => {
  const x = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i));
  const y = Uint8Array.from({ length: 10 }, (_, i) => (i === 7 ? 9 : i % 3)); // 9 is not one of 3 classes
  const trainData = makeDataset(x, y, [4]);
  const model = new Sequential(new Linear(4, 8, { seed: 1 }), new ReLU(), new Linear(8, 3, { seed: 2 }));
  const optimizer = new SGD(model.parameters(), { lr: 0.1 });
  const attempt = () => fit(model, { trainData, epochs: 1, batchSize: 5, optimizer, shuffle: false });
  await expect(attempt()).rejects.toThrow(/label of example 7 is 9/);
  const afterOne = liveTensorCount(); // the parameters and the gradients of the first, good batch
  for (let i = 0; i < 3; i++) await expect(attempt()).rejects.toThrow(ValueError);
  expect(liveTensorCount()).toBe(afterOne);
  model.dispose();
});
