import { DataLoader, batchOrders, epochPermutation } from '../bindings/data/dataloader.js';
import { makeDataset, subset, takePerClass, classCounts, perClassIndices, targetsAsFloat32 } from '../bindings/data/dataset.js';
import { splitToDataset } from '../bindings/data/image-set.js';
import { RandomStream } from '../bindings/random.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { liveTensorCount } from '../bindings/tensor.js';
import { ShapeError, ValueError } from '../bindings/errors.js';

/** n examples of 3 features; example i's features are i, i + 0.25, i + 0.5 and its label is i % 4. */
function numbered(n: number) {
  const x = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) x.set([i, i + 0.25, i + 0.5], i * 3);
  return makeDataset(x, Uint8Array.from({ length: n }, (_, i) => i % 4), [3]);
}

describe('DataLoader', () => {
  test('batch sizes: full batches then the last partial batch kept', () => {
    const loader = new DataLoader(numbered(10), { batchSize: 4, seed: 1 });
    expect(loader.length).toBe(3);
    const batches = [...loader.batches(0)];
    expect(batches.map((b) => b.size)).toEqual([4, 4, 2]);
    expect(batches.map((b) => b.x.length)).toEqual([12, 12, 6]);
    expect(batches[2].xShape).toEqual([2, 3]);
    expect(batches[2].yShape).toEqual([2]);
    expect(batches[0].y).toBeInstanceOf(Uint8Array);
  });

  test('dropLast drops the partial batch', () => {
    const loader = new DataLoader(numbered(10), { batchSize: 4, dropLast: true });
    expect(loader.length).toBe(2);
    expect([...loader.batches(0)].map((b) => b.size)).toEqual([4, 4]);
    expect(loader.examplesPerEpoch).toBe(8);
  });

  test('an epoch visits every example exactly once and each row matches its label', () => {
    const loader = new DataLoader(numbered(37), { batchSize: 8, seed: 5 });
    const seen: number[] = [];
    for (const batch of loader.batches(2)) {
      for (let r = 0; r < batch.size; r++) {
        const i = batch.indices[r];
        seen.push(i);
        expect(Array.from(batch.x.subarray(r * 3, r * 3 + 3))).toEqual([i, i + 0.25, i + 0.5]);
        expect(batch.y[r]).toBe(i % 4);
      }
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([...Array(37).keys()]);
    expect(seen).not.toEqual([...Array(37).keys()]);
  });

  test('the shuffle is reproducible per (seed, epoch) and differs between epochs and seeds', () => {
    const a = new DataLoader(numbered(100), { batchSize: 10, seed: 42 });
    const b = new DataLoader(numbered(100), { batchSize: 10, seed: 42 });
    const c = new DataLoader(numbered(100), { batchSize: 10, seed: 43 });
    expect(a.order(3)).toEqual(b.order(3));
    expect(a.order(0)).not.toEqual(a.order(1));
    expect(a.order(0)).not.toEqual(c.order(0));
    // The order of epoch 3 does not depend on earlier epochs having been drawn.
    [...b.batches(0)];
    [...b.batches(1)];
    expect([...b.batches(3)].map((x) => Array.from(x.indices))).toEqual([...a.batches(3)].map((x) => Array.from(x.indices)));
  });

  test('the exported permutation is exactly the visiting order', () => {
    const loader = new DataLoader(numbered(23), { batchSize: 5, seed: 9 });
    const orders = batchOrders(loader, 3);
    expect(orders).toHaveLength(3);
    for (let epoch = 0; epoch < 3; epoch++) {
      expect(orders[epoch]).toEqual(epochPermutation(23, 9, epoch));
      const visited = [...loader.batches(epoch)].flatMap((b) => Array.from(b.indices));
      expect(visited).toEqual(Array.from(orders[epoch]));
    }
  });

  test('the permutation is pinned: the Philox stream and Fisher-Yates must not drift', () => {
    // If this changes, batch orders exported for replay in another framework no longer match old runs.
    expect(Array.from(epochPermutation(10, 0, 0))).toEqual([7, 2, 6, 1, 3, 4, 8, 9, 5, 0]);
    expect(Array.from(epochPermutation(10, 123, 7))).toEqual([4, 3, 1, 7, 2, 8, 0, 5, 9, 6]);
  });

  test('without shuffle the order is 0 … n-1', () => {
    const loader = new DataLoader(numbered(7), { batchSize: 3, shuffle: false });
    expect(Array.from(loader.order(5))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test('tensor batches live on the backend and are released as the loop advances', async () => {
    const backend = new CpuBackend();
    const loader = new DataLoader(numbered(10), { batchSize: 4, seed: 2 });
    const before = liveTensorCount();
    const sizes: number[] = [];
    for (const batch of loader.tensorBatches(backend, 0)) {
      expect(batch.xTensor.shape).toEqual([batch.size, 3]);
      expect(batch.yTensor.shape).toEqual([batch.size]);
      expect(Array.from(await batch.xTensor.data())).toEqual(Array.from(batch.x));
      expect(Array.from(await batch.yTensor.data())).toEqual(Array.from(batch.y));
      expect(liveTensorCount()).toBe(before + 2);
      sizes.push(batch.size);
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(liveTensorCount()).toBe(before);
  });

  test('batches own their arrays by default: a batch held after the next is drawn keeps its values', () => {
    const loader = new DataLoader(numbered(10), { batchSize: 4, seed: 3 });
    const held = [...loader.batches(1)];
    for (const batch of held)
      for (let r = 0; r < batch.size; r++) {
        const i = batch.indices[r];
        expect(Array.from(batch.x.subarray(r * 3, r * 3 + 3))).toEqual([i, i + 0.25, i + 0.5]);
        expect(batch.y[r]).toBe(i % 4);
      }
    expect(new Set(held.map((b) => b.x.buffer)).size).toBe(3);
  });

  test('reuseBuffers: every batch fills the same arrays, each right while it is current, the last one shorter', () => {
    const plain = new DataLoader(numbered(10), { batchSize: 4, seed: 3 });
    const reusing = new DataLoader(numbered(10), { batchSize: 4, seed: 3, reuseBuffers: true });
    const expected = [...plain.batches(2)];
    const buffers = new Set<ArrayBufferLike>();
    let b = 0;
    for (const batch of reusing.batches(2)) {
      const want = expected[b++];
      expect(batch.size).toBe(want.size);
      expect(batch.x.length).toBe(want.x.length);
      expect(Array.from(batch.x)).toEqual(Array.from(want.x));
      expect(Array.from(batch.y)).toEqual(Array.from(want.y));
      expect(batch.y).toBeInstanceOf(Uint8Array);
      expect(Array.from(batch.indices)).toEqual(Array.from(want.indices));
      buffers.add(batch.x.buffer).add(batch.y.buffer);
    }
    expect(b).toBe(3);
    expect(buffers.size).toBe(2);
    // A data set smaller than one batch gets buffers of its own size.
    expect([...new DataLoader(numbered(3), { batchSize: 8, reuseBuffers: true }).batches(0)].map((x) => x.x.length)).toEqual([9]);
  });

  test('bad options throw ValueError', () => {
    expect(() => new DataLoader(numbered(3), { batchSize: 0 })).toThrow(ValueError);
    expect(() => new DataLoader(numbered(3), { batchSize: 1.5 })).toThrow(/batchSize/);
    expect(() => new DataLoader(numbered(3), { batchSize: 2, seed: -1 })).toThrow(/seed/);
    expect(() => new DataLoader(numbered(3), { batchSize: 2 }).order(-1)).toThrow(/epoch/);
  });
});

describe('Dataset helpers', () => {
  test('makeDataset checks that x and y agree', () => {
    expect(() => makeDataset(new Float32Array(7), new Uint8Array(2), [3])).toThrow(ShapeError);
    expect(() => makeDataset(new Float32Array(6), new Uint8Array(3), [3])).toThrow(/need 2 targets/);
  });

  test('subset and takePerClass', () => {
    const data = numbered(12);
    const picked = subset(data, [5, 1]);
    expect(Array.from(picked.x)).toEqual([5, 5.25, 5.5, 1, 1.25, 1.5]);
    expect(Array.from(picked.y)).toEqual([1, 1]);
    const few = takePerClass(data, 2);
    expect(few.length).toBe(8);
    expect(classCounts(few, 4)).toEqual([2, 2, 2, 2]);
    expect(Array.from(few.y)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(Array.from(few.x.subarray(12, 15))).toEqual([4, 4.25, 4.5]);
    expect(() => subset(data, [12])).toThrow(ValueError);
    expect(() => takePerClass(data, -1)).toThrow(/takePerClass: perClass/);
  });

  test('the image-set split and takePerClass pick the same examples', () => {
    const labels = Uint8Array.from([2, 0, 2, 1, 0, 2, 1, 1, 0, 2]);
    const images = Uint8Array.from({ length: labels.length * 4 }, (_, i) => (i * 37) % 256);
    const whole = splitToDataset({ images, labels }, 4);
    for (const perClass of [0, 1, 2, 5]) {
      const viaSplit = splitToDataset({ images, labels }, 4, perClass);
      const viaDataset = takePerClass(whole, perClass);
      expect(Array.from(viaSplit.y)).toEqual(Array.from(viaDataset.y));
      expect(Array.from(viaSplit.x)).toEqual(Array.from(viaDataset.x));
    }
    expect(perClassIndices(labels, 2)).toEqual([0, 1, 2, 3, 4, 6]);
    expect(() => splitToDataset({ images, labels }, 4, 1.5)).toThrow(ValueError);
  });

  test('targetsAsFloat32 keeps f32 targets and converts class indices', () => {
    const f = Float32Array.from([1.5, -2]);
    expect(targetsAsFloat32(f)).toBe(f);
    const converted = targetsAsFloat32(Uint8Array.from([3, 255]));
    expect(converted).toBeInstanceOf(Float32Array);
    expect(Array.from(converted)).toEqual([3, 255]);
  });
});

describe('RandomStream', () => {
  test('normal samples have mean 0 and variance 1', () => {
    const z = new RandomStream(7).normalArray(200_000);
    let mean = 0, sq = 0;
    for (const v of z) mean += v;
    mean /= z.length;
    for (const v of z) sq += (v - mean) ** 2;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(sq / z.length - 1)).toBeLessThan(0.01);
  });

  test('below(n) is uniform enough and in range', () => {
    const r = new RandomStream(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.below(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});
