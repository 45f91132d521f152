/** x.get / x.set with Python's indexing, gather, indexSelect, maskedSelect, on every backend. */
import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { IndexError, ValueError, arange, noGrad, tensor, liveTensorCount } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';
import { pythonIndex } from './python-index.js';

const SPECS: [number[], string][] = [
  [[5], '-1'], [[5], '1:3'], [[5], '::2'], [[5], '::-1'], [[5], '-2:'], [[5], ':-7'], [[5], '4:1:-2'], [[5], '10:'],
  [[3, 4], '-1'], [[3, 4], '1:3'], [[3, 4], ':, 1'], [[3, 4], '::2, -1'], [[3, 4], '...'], [[3, 4], '..., -2'],
  [[3, 4], '1, 2'], [[3, 4], 'None, :, ::-1'], [[3, 4], ':, None'], [[2, 3, 5], '..., 1:4'], [[2, 3, 5], '-1, ..., ::3'],
  [[2, 3, 5], '0, -1, -1'], [[2, 3, 5], '1:, :2, None, 2:'], [[2, 1, 3, 1, 2, 3], '..., ::-1, 0'],
];

describe.each(AUTOGRAD_BACKENDS)('indexing on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  const range = (shape: number[]) => arange(shape.reduce((a, b) => a * b, 1), { backend }).reshape(shape);

  test.each(SPECS)('x of shape %j, x.get(%s) is what Python gives', async (shape, spec) => {
    const x = range(shape);
    const want = pythonIndex([...Array(x.size).keys()], shape, spec);
    const y = x.get(spec);
    expect(y.shape).toEqual(want.shape);
    expect(Array.from(await y.data())).toEqual(want.values);
    x.dispose();
    y.dispose();
  });

  test('numbers and arrays of items index as the string does', async () => {
    const x = range([3, 4]);
    expect(Array.from(await x.get(-1).data())).toEqual([8, 9, 10, 11]);
    expect(Array.from(await x.get([1, '::-2']).data())).toEqual([7, 5]);
    expect(x.get([null, 0]).shape).toEqual([1, 4]);
  });

  test('bad indices are IndexErrors or ValueErrors naming the problem', () => {
    const x = range([3, 4]);
    expect(() => x.get('3')).toThrow(IndexError);
    expect(() => x.get('0, -5')).toThrow(/index -5 is out of bounds for axis 1 of size 4/);
    expect(() => x.get('0, 0, 0')).toThrow(/too many indices/);
    expect(() => x.get('..., ...')).toThrow(/single ellipsis/);
    expect(() => x.get('::0')).toThrow(/step cannot be zero/);
    expect(() => x.get('a:b')).toThrow(ValueError);
    expect(() => x.get(1.5)).toThrow(ValueError);
    expect(() => x.get({} as never)).toThrow(ValueError);
  });

  test('set writes numbers and broadcast tensors into a view, as Python assignment', async () => {
    const x = range([3, 4]);
    x.set('1, 2', 17);
    x.set(':2, :', 12);
    x.set('-1, ::2', tensor([-1, -2], { backend }));
    x.set('..., -1', tensor([100, 200, 300], { backend }));
    expect(() => x.set('..., -1', tensor([[100], [200], [300]], { backend }))).toThrow(/does not fit/);
    expect(await x.array()).toEqual([[12, 12, 12, 100], [12, 12, 12, 200], [-1, 9, -2, 300]]);
    expect(() => x.set(':, 0', tensor([1, 2], { backend }))).toThrow(/cannot be broadcast/);
  });

  test('set is refused on a leaf that requires grad, allowed under noGrad, and breaks a graph that saved the data', async () => {
    const w = tensor([1, 2, 3], { backend, requiresGrad: true });
    expect(() => w.set('0', 5)).toThrow(/leaf tensor that requires grad/);
    noGrad(() => w.set('0', 5));
    expect(Array.from(await w.data())).toEqual([5, 2, 3]);
    const h = w.mul(2);
    const y = h.mul(h).sum();
    h.set('1', 0);
    expect(() => y.backward()).toThrow(/modified in place/);
  });

  test('set through a non-leaf: the old values get the gradient outside the view, the value inside', async () => {
    const a = tensor([1, 2, 3, 4], { backend, requiresGrad: true });
    const v = tensor([10, 20], { backend, requiresGrad: true });
    const h = a.mul(3);
    h.set('1:3', v);
    expect(Array.from(await h.data())).toEqual([3, 10, 20, 12]);
    h.mul(tensor([1, 2, 3, 4], { backend })).sum().backward();
    expect(Array.from(await a.grad!.data())).toEqual([3, 0, 0, 12]);
    expect(Array.from(await v.grad!.data())).toEqual([2, 3]);
  });

  test('gather picks y_hat[range(n), y]; indexSelect and maskedSelect; indices are checked', async () => {
    const yHat = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]], { backend });
    const y = tensor([0, 2], { backend });
    expect(Array.from(await wg.gather(yHat, 1, y.unsqueeze(1)).data())).toEqual([0.1, 0.5].map(Math.fround));
    expect(await wg.indexSelect(yHat, 1, [2, 0]).array()).toEqual([[0.6, 0.1], [0.5, 0.3]].map((r) => r.map(Math.fround)));
    expect(await wg.indexSelect(yHat, -2, [1]).array()).toEqual([[0.3, 0.2, 0.5].map(Math.fround)]);
    expect(() => wg.indexSelect(yHat, 1, [3])).toThrow(/indices must be integers in \[0, 3\)/);
    const x = arange(6, { backend }).reshape([2, 3]);
    const selected = backend.readSync ? x.maskedSelect(x.gt(2)) : await wg.maskedSelectAsync(x, x.gt(2));
    expect(Array.from(await selected.data())).toEqual([3, 4, 5]);
  });

  test('indexing leaves no tensor behind', () => {
    const x = range([4, 5]);
    const before = liveTensorCount();
    for (const [, spec] of SPECS.filter(([s]) => s.length === 2)) x.get(spec).dispose();
    expect(() => x.get('9')).toThrow(IndexError);
    expect(liveTensorCount()).toBe(before);
  });
});
