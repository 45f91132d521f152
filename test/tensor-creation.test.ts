/** Making tensors as torch does: nested arrays, ranges, identity, random draws, like another tensor. */
import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { ShapeError, ValueError, manualSeed, tensor } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';

describe.each(AUTOGRAD_BACKENDS)('creation on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  const values = async (t: wg.Tensor) => Array.from(await t.data());

  test('tensor() infers the shape of nested arrays and of a number; options may take the shape\'s place', async () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]], { backend, requiresGrad: true });
    expect(x.shape).toEqual([2, 3]);
    expect(x.requiresGrad).toBe(true);
    expect(await x.array()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(tensor(3.5, { backend }).shape).toEqual([]);
    expect(tensor([[[1], [2]]], { backend }).shape).toEqual([1, 2, 1]);
    expect(tensor([[]], { backend }).shape).toEqual([1, 0]);
    expect(tensor([true, false], { backend }).shape).toEqual([2]);
    expect(tensor([Float32Array.of(1, 2), Float32Array.of(3, 4)], { backend }).shape).toEqual([2, 2]);
    expect(await values(tensor([1, 2, 3, 4], [2, 2], { backend }))).toEqual([1, 2, 3, 4]);
  });

  test('ragged or non-numeric data is refused with the place it goes wrong', () => {
    expect(() => tensor([[1, 2], [3]], { backend })).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]], { backend })).toThrow(/ragged at \[1\]/);
    expect(() => tensor([[1, [2]], [3, 4]], { backend })).toThrow(/ragged/);
    expect(() => tensor([1, '2'], { backend })).toThrow(/value 1 is the string '2'/);
    expect(() => tensor('12' as never, { backend })).toThrow(ValueError);
    expect(() => tensor([1, 2], { backend, bogus: 1 } as never)).toThrow(/unknown option 'bogus'/);
  });

  test('arange, linspace and eye give torch\'s values', async () => {
    expect(await values(wg.arange(5, { backend }))).toEqual([0, 1, 2, 3, 4]);
    expect(await values(wg.arange(1, 2.5, 0.5, { backend }))).toEqual([1, 1.5, 2]);
    expect(await values(wg.arange(5, 0, -2, { backend }))).toEqual([5, 3, 1]);
    expect(wg.arange(3, 3, { backend }).shape).toEqual([0]);
    expect(() => wg.arange(0, 1, 0, { backend })).toThrow(/step must not be 0/);
    expect(await values(wg.linspace(-1, 1, 5, { backend }))).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(await values(wg.linspace(0, 1, 1, { backend }))).toEqual([0]);
    expect(await wg.eye(2, 3, { backend }).array()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(await wg.eye(2, { backend }).array()).toEqual([[1, 0], [0, 1]]);
  });

  test('random draws follow manualSeed and their distributions', async () => {
    manualSeed(42);
    const a = await values(wg.randn([1000], { backend }));
    manualSeed(42);
    const b = await values(wg.randn([1000], { backend }));
    expect(a).toEqual(b);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(Math.abs(variance - 1)).toBeLessThan(0.15);
    const u = await values(wg.rand([1000], { backend }));
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
    const n = await values(wg.normal(3, 0.01, [200], { backend }));
    expect(n.every((v) => Math.abs(v - 3) < 0.06)).toBe(true);
    const r = await values(wg.randint(-2, 3, [500], { backend }));
    expect(new Set(r)).toEqual(new Set([-2, -1, 0, 1, 2]));
    expect(() => wg.randint(3, 3, [2])).toThrow(/must exceed/);
  });

  test('*Like tensors take the shape and backend of their model', async () => {
    const x = tensor([[1, 2], [3, 4]], { backend });
    for (const made of [wg.zerosLike(x), wg.onesLike(x), wg.fullLike(x, 7), wg.randnLike(x)]) {
      expect(made.shape).toEqual([2, 2]);
      expect(made.backend).toBe(backend);
    }
    expect(await values(wg.fullLike(x, 7))).toEqual([7, 7, 7, 7]);
    expect(wg.zerosLike(x, { requiresGrad: true }).requiresGrad).toBe(true);
  });
});

describe('reading and printing', () => {
  const cpu = new wg.CpuBackend();
  const t = (data: unknown, options: wg.TensorOptions = {}) => tensor(data, { backend: cpu, ...options });

  test('item(), tolist(), dataSync(target) without allocation, numel() and dim()', () => {
    expect(t(2.5).item()).toBe(2.5);
    expect(() => t([1, 2]).item()).toThrow(/only a one-element tensor/);
    expect(t([[1, 2], [3, 4]]).tolist()).toEqual([[1, 2], [3, 4]]);
    expect(t(7).tolist()).toBe(7);
    const target = new Float32Array(4);
    expect(t([[1, 2], [3, 4]]).dataSync(target)).toBe(target);
    expect(Array.from(target)).toEqual([1, 2, 3, 4]);
    expect(() => t([1, 2, 3]).dataSync(new Float32Array(2))).toThrow(ShapeError);
    expect(t([[1, 2, 3]]).numel()).toBe(3);
    expect(t([[1, 2, 3]]).dim()).toBe(2);
  });

  // Each expected string is PyTorch 1.13's repr of the same tensor.
  test.each([
    [[[1, 2], [3, 4]], 'tensor([[1., 2.],\n        [3., 4.]])'],
    [[0.1, 0.25, -3.5], 'tensor([ 0.1000,  0.2500, -3.5000])'],
    [3, 'tensor(3.)'],
    [0.123456, 'tensor(0.1235)'],
    [[1e-5, 1, 1000], 'tensor([1.0000e-05, 1.0000e+00, 1.0000e+03])'],
    [[1e9, 2.5], 'tensor([1.0000e+09, 2.5000e+00])'],
    [[NaN, Infinity, -Infinity, 1.5], 'tensor([   nan,    inf,   -inf, 1.5000])'],
    [[-0, 1], 'tensor([-0., 1.])'],
    [[123456789, 1], 'tensor([1.2346e+08, 1.0000e+00])'],
    [Array.from({ length: 12 }, (_, i) => i), 'tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11.])'],
    [Array.from({ length: 30 }, (_, i) => i / 7),
      'tensor([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,\n        1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,\n        2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,\n        3.8571, 4.0000, 4.1429])'],
  ])('%j prints as PyTorch does', (data, repr) => {
    expect(String(t(data))).toBe(repr);
  });

  test('ranks 3, empty, large (summarised), requires_grad and grad_fn print as PyTorch does', () => {
    expect(String(wg.arange(24, { backend: cpu }).reshape([2, 3, 4]))).toBe(
      'tensor([[[ 0.,  1.,  2.,  3.],\n         [ 4.,  5.,  6.,  7.],\n         [ 8.,  9., 10., 11.]],\n\n' +
        '        [[12., 13., 14., 15.],\n         [16., 17., 18., 19.],\n         [20., 21., 22., 23.]]])');
    expect(String(wg.zeros([0], { backend: cpu }))).toBe('tensor([])');
    expect(String(wg.zeros([0, 3], { backend: cpu }))).toBe('tensor([], size=(0, 3))');
    expect(String(wg.arange(2000, { backend: cpu }).reshape([40, 50]))).toBe(
      'tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 4.7000e+01, 4.8000e+01,\n         4.9000e+01],\n' +
        '        [5.0000e+01, 5.1000e+01, 5.2000e+01,  ..., 9.7000e+01, 9.8000e+01,\n         9.9000e+01],\n' +
        '        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.4700e+02, 1.4800e+02,\n         1.4900e+02],\n' +
        '        ...,\n' +
        '        [1.8500e+03, 1.8510e+03, 1.8520e+03,  ..., 1.8970e+03, 1.8980e+03,\n         1.8990e+03],\n' +
        '        [1.9000e+03, 1.9010e+03, 1.9020e+03,  ..., 1.9470e+03, 1.9480e+03,\n         1.9490e+03],\n' +
        '        [1.9500e+03, 1.9510e+03, 1.9520e+03,  ..., 1.9970e+03, 1.9980e+03,\n         1.9990e+03]])');
    const x = t([1, 2], { requiresGrad: true });
    expect(String(x)).toBe('tensor([1., 2.], requires_grad=True)');
    expect(String(x.mul(2))).toBe('tensor([2., 4.], grad_fn=<MulBackward0>)');
  });
});
