/** Iterating a DataLoader as PyTorch does, TensorDataset, d2l's Fashion-MNIST loaders and image resizing. */
import {
  CpuBackend, DataLoader, IndexError, ShapeError, TensorDataset, ValueError, arange, liveTensorCount, manualSeed, tensor,
  type Tensor,
} from '../bindings/index.js';
import { makeDataset } from '../bindings/data/dataset.js';
import { getFashionMnistLabels } from '../bindings/data/labels.js';
import { resizeImages } from '../bindings/data/resize.js';
import { loadDataFashionMnist } from '../bindings/data/node/fashion-mnist-loaders.js';
import { createWasmBackend, type WasmBackend } from '../bindings/wasm/wasm-backend.js';

let wasm: WasmBackend;
beforeAll(async () => {
  wasm = await createWasmBackend();
});
afterAll(() => wasm.dispose());

const cpu = new CpuBackend();
const rows = (t: Tensor) => t.tolist() as number[][];

describe('for (const [X, y] of loader)', () => {
  test('a TensorDataset: every example once per epoch, rows kept with their targets, a new order each epoch', () => {
    for (const backend of [cpu, wasm]) {
      const X = arange(0, 20, 1, { backend }).reshape([10, 2]), y = arange(10, { backend });
      const loader = new DataLoader(new TensorDataset(X, y), { batchSize: 4, shuffle: true, seed: 3 });
      const orders: number[][] = [];
      for (let epoch = 0; epoch < 2; epoch++) {
        const seen: number[] = [];
        const sizes: number[] = [];
        for (const [Xb, yb] of loader) {
          expect(Xb.backend).toBe(backend);
          const targets = yb.tolist() as number[];
          rows(Xb).forEach((row, r) => expect(row).toEqual([2 * targets[r], 2 * targets[r] + 1]));
          seen.push(...targets);
          sizes.push(yb.shape[0]);
        }
        expect(sizes).toEqual([4, 4, 2]);
        expect([...seen].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
        orders.push(seen);
      }
      expect(orders[0]).not.toEqual(orders[1]);
      expect(loader.epoch).toBe(2);
    }
  });

  test('a host Dataset gives f32 tensors on the chosen backend; dropLast; shuffle false keeps the order', () => {
    const data = makeDataset(Float32Array.from({ length: 14 }, (_, i) => i), Uint8Array.from([0, 1, 2, 3, 4, 5, 6]), [2]);
    const loader = new DataLoader(data, { batchSize: 3, shuffle: false, dropLast: true, backend: wasm });
    const batches = [...loader].map(([X, y]) => {
      expect(X.backend).toBe(wasm);
      return [X.disposed ? 'gone' : X.shape, y.disposed ? 'gone' : y.shape];
    });
    // Spreading draws every batch: each is disposed when the next is drawn and the last at the end.
    expect(batches).toEqual([['gone', 'gone'], ['gone', 'gone']]);
    const [[X, y]] = new DataLoader(data, { batchSize: 3, shuffle: false, backend: wasm });
    expect(rows(X)).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(y.tolist()).toEqual([0, 1, 2]);
  });

  test('a batch is disposed when the next is drawn; the batch a loop breaks out of, or keep(), survives', () => {
    const loader = new DataLoader(new TensorDataset(arange(12, { backend: cpu })), { batchSize: 5 });
    const before = liveTensorCount();
    let first: Tensor | null = null, kept: Tensor | null = null, last: Tensor | null = null;
    for (const [x] of loader) {
      first ??= x;
      if (!kept) kept = x.keep();
      last = x;
    }
    expect(first!.disposed).toBe(false); // kept
    expect(last!.disposed).toBe(true);
    let broke: Tensor | null = null;
    for (const [x] of loader) {
      broke = x;
      break;
    }
    expect(broke!.disposed).toBe(false);
    broke!.dispose();
    kept!.dispose();
    expect(liveTensorCount()).toBe(before);
  });

  test('for await lets other tasks run between batches and gives the same batches', async () => {
    const data = new TensorDataset(arange(9, { backend: cpu }));
    const sync = [...new DataLoader(data, { batchSize: 2, seed: 8 })].length;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const seen: number[] = [];
    for await (const [x] of new DataLoader(data, { batchSize: 2, seed: 8 })) {
      seen.push(...(x.tolist() as number[]));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    clearInterval(timer);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(9).keys()]);
    expect(sync).toBe(5);
    expect(ticks).toBeGreaterThan(0);
  });

  test('the default seed comes from manualSeed()', () => {
    const data = new TensorDataset(arange(50, { backend: cpu }));
    const orderAfter = (seed: number) => {
      manualSeed(seed);
      return Array.from(new DataLoader(data, { batchSize: 50 }).order(0));
    };
    expect(orderAfter(1)).toEqual(orderAfter(1));
    expect(orderAfter(1)).not.toEqual(orderAfter(2));
  });

  test('TensorDataset checks its tensors; at(i) is example i', () => {
    const X = tensor([[1, 2], [3, 4], [5, 6]], { backend: cpu }), y = tensor([7, 8, 9], { backend: cpu });
    const data = new TensorDataset(X, y);
    expect(data.length).toBe(3);
    expect(data.at(1).map((t) => t.tolist())).toEqual([[3, 4], 8]);
    expect(new DataLoader(data, { batchSize: 2 }).data.exampleShape).toEqual([2]);
    expect(() => new TensorDataset()).toThrow(ValueError);
    expect(() => new TensorDataset(X, tensor([1, 2], { backend: cpu }))).toThrow(ShapeError);
    expect(() => new TensorDataset(X, 3 as never)).toThrow(/TensorDataset: tensors\[1\] must be a Tensor/);
    expect(() => new DataLoader(data, { backend: 'wasm' as never })).toThrow(/DataLoader: options.backend must be a backend/);
  });
});

describe('images', () => {
  test('resizeImages: bilinear when enlarging, averaging when halving, as PIL', () => {
    // A 2×2 image doubled: PIL's bilinear with half-pixel centres.
    const up = resizeImages(Float32Array.from([0, 1, 2, 3]), 1, [2, 2], [4, 4]);
    expect(Array.from(up.subarray(0, 4))).toEqual([0, 0.25, 0.75, 1]);
    expect(Array.from(up.subarray(12, 16))).toEqual([2, 2.25, 2.75, 3]);
    // Halving a ramp: inside, the weights 1/8, 3/8, 3/8, 1/8 give the mean of each pair; at the edge the
    // filter is cut off (PIL's int() of center ∓ support + 0.5) and renormalised.
    const image = Float32Array.from({ length: 8 }, (_, i) => i);
    const down = Array.from(resizeImages(image, 1, [1, 8], [1, 4]));
    expect(down[1]).toBeCloseTo(2.5, 6);
    expect(down[2]).toBeCloseTo(4.5, 6);
    expect(down[0]).toBeCloseTo((0 * 0.75 + 1 * 0.75 + 2 * 0.25) / 1.75, 6);
    expect(resizeImages(Float32Array.from({ length: 16 }, () => 0.3), 1, [4, 4], [3, 3]).every((v) => Math.abs(v - 0.3) < 1e-6)).toBe(true);
    expect(() => resizeImages(image, 2, [4, 4], [2, 2])).toThrow(ValueError);
  });

  test('getFashionMnistLabels names classes and refuses what is not one', () => {
    expect(getFashionMnistLabels([0, 9, 5])).toEqual(['t-shirt', 'ankle boot', 'sandal']);
    expect(getFashionMnistLabels(tensor([1, 2], { backend: cpu }))).toEqual(['trouser', 'pullover']);
    expect(() => getFashionMnistLabels([10])).toThrow(IndexError);
    expect(() => getFashionMnistLabels('a' as never)).toThrow(/getFashionMnistLabels: labels must be/);
  });

  test('loadDataFashionMnist: [batch, 1, 28, 28] in [0, 1] and class indices; resize; a shuffled train set, an ordered test set', () => {
    const [train, test] = loadDataFashionMnist(16, { trainPerClass: 5, testPerClass: 5, backend: cpu, seed: 1 });
    expect(train.length).toBe(4);
    const [[X, y]] = train;
    expect(X.shape).toEqual([16, 1, 28, 28]);
    expect(y.shape).toEqual([16]);
    const pixels = X.dataSync();
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(train.shuffle).toBe(true);
    expect(test.shuffle).toBe(false);
    const [[Xr]] = loadDataFashionMnist(8, { trainPerClass: 1, testPerClass: 1, resize: 64, backend: cpu })[0];
    expect(Xr.shape).toEqual([8, 1, 64, 64]);
    expect(() => loadDataFashionMnist(0)).toThrow(ValueError);
    expect(() => loadDataFashionMnist(8, { resize: [1] as never })).toThrow(/resize/);
  });
});
