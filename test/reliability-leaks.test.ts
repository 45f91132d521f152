/**
 * A recorded op whose kernel refuses its inputs leaves nothing behind, inside tidy() or not: the op
 * saved its inputs for backward before the check threw, and those saved views must be freed too.
 */
import type { Backend } from '../bindings/backend.js';
import { ShapeError, div, liveTensorCount, matmul, mul, tensor, tidy, type Tensor } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';

describe.each(AUTOGRAD_BACKENDS)('failed recorded ops on %s', (name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  afterAll(() => backend.dispose());

  const counts = () => {
    const { liveStorages, liveBytes } = backend.memoryStats();
    return { tensors: liveTensorCount(), liveStorages, liveBytes };
  };
  // WebGPU on a CPU-emulated adapter is slow to fill big buffers; the leak is per call whatever the size.
  const side = name === 'webgpu' ? 64 : 512;

  const failing: [string, (a: Tensor, b: Tensor) => Tensor, [number[], number[]]][] = [
    ['matmul', (a, b) => matmul(a, b), [[side, side], [side / 2, side]]],
    ['mul', (a, b) => mul(a, b), [[side, 3], [side, 4]]],
    ['div', (a, b) => div(a, b), [[5, side], [4, side]]],
  ];

  test.each(failing)('%s with requiresGrad and mismatched shapes: 50 failures leak nothing', (_op, op, [aShape, bShape]) => {
    const before = counts();
    for (let i = 0; i < 50; i++) {
      const a = tensor(new Float32Array(aShape[0] * aShape[1]), aShape, { backend, requiresGrad: true });
      const b = tensor(new Float32Array(bShape[0] * bShape[1]), bShape, { backend, requiresGrad: i % 2 === 0 });
      expect(() => tidy(() => op(a, b))).toThrow(ShapeError);
      expect(() => op(a, b)).toThrow(ShapeError); // outside tidy too
      a.dispose();
      b.dispose();
    }
    expect(counts()).toEqual(before);
  });

  test('the backend still computes after the failures', async () => {
    const a = tensor([1, 2, 3, 4], [2, 2], { backend, requiresGrad: true });
    const b = tensor([5, 6, 7, 8], [2, 2], { backend });
    const c = matmul(a, b);
    expect(Array.from(await c.data())).toEqual([19, 22, 43, 50]);
    for (const t of [a, b, c]) t.dispose();
  });
});
