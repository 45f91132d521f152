/** The tensor API's shape ops, elementwise ops and reductions on every backend, against host computations. */
import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { ShapeError, arange, tensor } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';
import { uniform } from './random.js';

const close = (got: ArrayLike<number>, want: ArrayLike<number>, tolerance = 1e-5) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (!(Math.abs(got[i] - want[i]) <= tolerance * (1 + Math.abs(want[i])) || (Number.isNaN(got[i]) && Number.isNaN(want[i]))))
      throw new Error(`element ${i}: got ${got[i]}, want ${want[i]}`);
};

/** Host reduction of data [outer, n, inner] along the middle axis. */
function reduceHost(data: ArrayLike<number>, shape: number[], axis: number, f: (values: number[]) => number): number[] {
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1), n = shape[axis], inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) out.push(f(Array.from({ length: n }, (_, l) => data[(o * n + l) * inner + i])));
  return out;
}

describe.each(AUTOGRAD_BACKENDS)('tensor ops on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  const values = async (t: wg.Tensor) => Array.from(await t.data());
  const random = (shape: number[], seed: number, lo = -2, hi = 2) => tensor(uniform(shape.reduce((a, b) => a * b, 1), seed, lo, hi), shape, { backend });

  test('transpose, T, permute, flip, squeeze, unsqueeze, expand', async () => {
    const x = arange(6, { backend }).reshape([2, 3]);
    expect(await x.T.array()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(await wg.transpose(x, 0, -1).array()).toEqual([[0, 3], [1, 4], [2, 5]]);
    const y = arange(24, { backend }).reshape([2, 3, 4]);
    expect(y.permute([2, 0, 1]).shape).toEqual([4, 2, 3]);
    expect((await y.permute([2, 0, 1]).array() as number[][][])[3][1][2]).toBe(23);
    expect(await x.flip(-1).array()).toEqual([[2, 1, 0], [5, 4, 3]]);
    expect(await x.flip([0, 1]).array()).toEqual([[5, 4, 3], [2, 1, 0]]);
    expect(tensor([[[1], [2]]], { backend }).squeeze().shape).toEqual([2]);
    expect(tensor([[[1], [2]]], { backend }).squeeze(-1).shape).toEqual([1, 2]);
    expect(x.unsqueeze(-1).shape).toEqual([2, 3, 1]);
    expect(x.unsqueeze(0).shape).toEqual([1, 2, 3]);
    expect(await tensor([1, 2], { backend }).unsqueeze(1).expand([-1, 3]).array()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(() => x.expand([4, 3])).toThrow(ShapeError);
  });

  test('cat, stack, split and chunk', async () => {
    const a = arange(4, { backend }).reshape([2, 2]), b = arange(4, 6, { backend }).reshape([1, 2]);
    expect(await wg.cat([a, b]).array()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(await wg.cat([a, a], -1).array()).toEqual([[0, 1, 0, 1], [2, 3, 2, 3]]);
    expect(await wg.stack([a, a], 1).array()).toEqual([[[0, 1], [0, 1]], [[2, 3], [2, 3]]]);
    expect(() => wg.cat([a, b], 1)).toThrow(ShapeError);
    const x = arange(10, { backend });
    expect(await Promise.all(x.split(4).map((p) => values(p)))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(await Promise.all(x.split([1, 9]).map((p) => p.shape))).toEqual([[1], [9]]);
    expect(x.chunk(3).map((p) => p.shape[0])).toEqual([4, 4, 2]);
    expect(() => x.split([1, 2])).toThrow(/do not add up/);
  });

  test('batched matmul broadcasts its batch axes; mm, mv and dot', async () => {
    const a = random([2, 1, 3, 4], 1), b = random([5, 4, 2], 2);
    const c = wg.matmul(a, b);
    expect(c.shape).toEqual([2, 5, 3, 2]);
    const ad = await values(a), bd = await values(b), cd = await values(c);
    for (const [i, j, r, s] of [[0, 0, 0, 0], [1, 4, 2, 1], [0, 3, 1, 0]]) {
      let want = 0;
      for (let p = 0; p < 4; p++) want += ad[i * 12 + r * 4 + p] * bd[j * 8 + p * 2 + s];
      expect(cd[((i * 5 + j) * 3 + r) * 2 + s]).toBeCloseTo(want, 4);
    }
    expect(await values(wg.dot(tensor([1, 2, 3], { backend }), tensor([4, 5, 6], { backend })))).toEqual([32]);
    expect(await values(wg.mv(tensor([[1, 2], [3, 4]], { backend }), tensor([1, 1], { backend })))).toEqual([3, 7]);
    expect(() => wg.mm(tensor([1, 2], { backend }), tensor([[1]], { backend }))).toThrow(/expected 2-d and 2-d/);
  });

  test('abs, sign, clamp, maximum, minimum, where, pow with a tensor exponent, comparisons, isnan, isfinite', async () => {
    const x = tensor([-2, -0.5, 0, 0.5, 2, NaN], { backend });
    expect(await values(x.abs())).toEqual([2, 0.5, 0, 0.5, 2, NaN]);
    expect(await values(x.sign())).toEqual([-1, -1, 0, 1, 1, 0]);
    expect(await values(x.clamp(-1, 1))).toEqual([-1, -0.5, 0, 0.5, 1, NaN]);
    expect(await values(x.clamp(0))).toEqual([0, 0, 0, 0.5, 2, NaN]);
    expect(await values(x.clamp(null, 0))).toEqual([-2, -0.5, 0, 0, 0, NaN]);
    expect(await values(wg.maximum(x, 0))).toEqual([0, 0, 0, 0.5, 2, NaN]);
    expect(await values(wg.minimum(x, tensor([1], { backend })))).toEqual([-2, -0.5, 0, 0.5, 1, NaN]);
    expect(await values(wg.where(x.gt(0), x, 10))).toEqual([10, 10, 10, 0.5, 2, 10]);
    expect(await values(wg.pow(tensor([2, 3], { backend }), tensor([[2], [3]], { backend })))).toEqual([4, 9, 8, 27]);
    expect(await values(wg.pow(2, tensor([0, 1, 3], { backend })))).toEqual([1, 2, 8]);
    expect(await values(x.eq(0.5))).toEqual([0, 0, 0, 1, 0, 0]);
    expect(await values(x.ne(0.5))).toEqual([1, 1, 1, 0, 1, 1]);
    expect(await values(x.ge(0))).toEqual([0, 0, 1, 1, 1, 0]);
    expect(await values(x.lt(0))).toEqual([1, 1, 0, 0, 0, 0]);
    expect(await values(x.isnan())).toEqual([0, 0, 0, 0, 0, 1]);
    expect(await values(tensor([1, Infinity, NaN], { backend }).isfinite())).toEqual([1, 0, 0]);
    expect(await values(wg.oneHot([2, 0], 3, { backend }))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(await values(wg.oneHot(tensor([1, 2], { backend }), 3))).toEqual([0, 1, 0, 0, 0, 1]);
  });

  test.each([[[17], 0], [[3, 17], -1], [[3, 17], 0], [[2, 3, 5], 1], [[2, 3, 5], -3]] as [number[], number][])(
    'reductions of %j along axis %d agree with the host', async (shape, axis) => {
      const x = random(shape, shape.length * 7 + axis, 0.5, 1.5);
      const data = await values(x);
      const a = axis < 0 ? axis + shape.length : axis;
      const mean = (v: number[]) => v.reduce((s, u) => s + u, 0) / v.length;
      close(await values(x.max(axis)), reduceHost(data, shape, a, (v) => Math.max(...v)));
      close(await values(x.min(axis, true)), reduceHost(data, shape, a, (v) => Math.min(...v)));
      close(await values(x.prod(axis)), reduceHost(data, shape, a, (v) => v.reduce((p, u) => p * u, 1)), 1e-4);
      close(await values(x.var(axis)), reduceHost(data, shape, a, (v) => v.reduce((s, u) => s + (u - mean(v)) ** 2, 0) / (v.length - 1)), 1e-4);
      close(await values(x.std(axis, { correction: 0 })), reduceHost(data, shape, a, (v) => Math.sqrt(v.reduce((s, u) => s + (u - mean(v)) ** 2, 0) / v.length)), 1e-4);
      close(await values(x.norm(1, axis)), reduceHost(data, shape, a, (v) => v.reduce((s, u) => s + Math.abs(u), 0)), 1e-5);
      close(await values(x.norm(2, axis)), reduceHost(data, shape, a, (v) => Math.hypot(...v)), 1e-5);
      close(await values(x.norm(Infinity, axis)), reduceHost(data, shape, a, (v) => Math.max(...v.map(Math.abs))));
      close(await values(x.norm(3, axis)), reduceHost(data, shape, a, (v) => v.reduce((s, u) => s + Math.abs(u) ** 3, 0) ** (1 / 3)), 1e-4);
      close(await values(x.logSumExp(axis)), reduceHost(data, shape, a, (v) => Math.log(v.reduce((s, u) => s + Math.exp(u), 0))), 1e-5);
      close(await values(x.argmax(axis)), reduceHost(data, shape, a, (v) => v.indexOf(Math.max(...v))), 0);
      const cum = await values(x.cumsum(axis));
      const n = shape[a], inner = shape.slice(a + 1).reduce((p, q) => p * q, 1);
      for (let i = 0; i < data.length; i++) {
        const l = Math.floor(i / inner) % n;
        let want = 0;
        for (let j = 0; j <= l; j++) want += data[i - (l - j) * inner];
        expect(cum[i]).toBeCloseTo(want, 4);
      }
    });

  test('whole-tensor reductions, the Frobenius norm, unbiased defaults, logSumExp of -Inf and huge values', async () => {
    const m = tensor([[3, 4], [0, 0]], { backend });
    expect(await values(m.norm())).toEqual([5]);
    expect(await values(m.norm('fro'))).toEqual([5]);
    close(await values(tensor([1, 2, 4], { backend }).std()), [Math.sqrt(7 / 3)]);
    expect(Number.isNaN((await values(tensor([1], { backend }).var()))[0])).toBe(true);
    expect(await values(tensor([-Infinity, -Infinity], { backend }).logSumExp())).toEqual([-Infinity]);
    close(await values(tensor([1000, 1000], { backend }).logSumExp()), [1000 + Math.log(2)]);
    expect(await values(tensor([[1, 5], [7, 2]], { backend }).max())).toEqual([7]);
    expect(await values(tensor([[1, 5], [7, 2]], { backend }).argmax())).toEqual([2]);
    expect(() => tensor([], { backend }).max()).toThrow(/empty axis/);
  });
});
