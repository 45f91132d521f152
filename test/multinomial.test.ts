/** multinomial() and distributions.Multinomial: shapes, frequencies within statistical tolerance, seeding, errors. */
import {
  CpuBackend, DisposedError, Random, ShapeError, ValueError, createWasmBackend, distributions, manualSeed, multinomial,
  tensor, type Tensor,
} from '../bindings/index.js';

const { Multinomial } = distributions;
const values = (t: Tensor) => Array.from(t.dataSync());

/** |observed − expected| within 5 standard deviations of a binomial count of n trials. */
function expectFrequency(count: number, n: number, p: number): void {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p)).toBeLessThanOrEqual(5 * sd + 1e-9);
}

const counts = (indices: number[], k: number) => {
  const c = new Array(k).fill(0);
  for (const i of indices) c[i]++;
  return c;
};

describe('multinomial', () => {
  test('shapes: [numSamples] from a vector, [rows, numSamples] from a matrix; integer indices in range', () => {
    const one = multinomial(tensor([1, 2, 3]), 2);
    expect(one.shape).toEqual([2]);
    const many = multinomial(tensor([[1, 1, 1, 1], [0, 0, 1, 1], [5, 0, 0, 1]]), 7, { replacement: true });
    expect(many.shape).toEqual([3, 7]);
    for (const v of values(many)) expect(Number.isInteger(v) && v >= 0 && v < 4).toBe(true);
    expect(many.requiresGrad).toBe(false);
  });

  test('with replacement: frequencies follow the (unnormalised) weights; a zero weight is never drawn', () => {
    manualSeed(11);
    const n = 20000, weights = [1, 2, 0, 7];
    const c = counts(values(multinomial(tensor(weights), n, { replacement: true })), 4);
    expect(c[2]).toBe(0);
    weights.forEach((w, i) => expectFrequency(c[i], n, w / 10));
  });

  test('rows are drawn independently, each from its own weights', () => {
    manualSeed(2);
    const out = multinomial(tensor([[0, 0, 1], [1, 0, 0], [1, 1, 0]]), 500, { replacement: true }).tolist() as number[][];
    expect(new Set(out[0])).toEqual(new Set([2]));
    expect(new Set(out[1])).toEqual(new Set([0]));
    expectFrequency(out[2].filter((v) => v === 1).length, 500, 0.5);
  });

  test('without replacement: distinct indices per row; numSamples = k gives a permutation', () => {
    manualSeed(3);
    const rows = multinomial(tensor(Array.from({ length: 50 }, () => [1, 2, 3, 4, 5])), 5).tolist() as number[][];
    for (const row of rows) expect([...row].sort()).toEqual([0, 1, 2, 3, 4]);
    const partial = multinomial(tensor([[0, 3, 0, 1], [2, 0, 2, 0]]), 2).tolist() as number[][];
    expect([...partial[0]].sort()).toEqual([1, 3]);
    expect([...partial[1]].sort()).toEqual([0, 2]);
  });

  test('without replacement: the second draw is from the weights left (P(0 then 1) = 0.5 · 0.3 / 0.5)', () => {
    manualSeed(4);
    const n = 10000;
    const pairs = multinomial(tensor(Array.from({ length: n }, () => [0.5, 0.3, 0.2])), 2).tolist() as number[][];
    expectFrequency(pairs.filter(([a]) => a === 0).length, n, 0.5);
    expectFrequency(pairs.filter(([a, b]) => a === 0 && b === 1).length, n, 0.3);
    expectFrequency(pairs.filter(([a, b]) => a === 2 && b === 0).length, n, 0.2 * 0.5 / 0.8);
  });

  test('manualSeed reproduces the draws; a generator (or a seed) draws without touching the default source', () => {
    const probs = tensor([0.2, 0.3, 0.5]);
    const draw = () => values(multinomial(probs, 30, { replacement: true }));
    manualSeed(5);
    const first = draw();
    manualSeed(5);
    expect(draw()).toEqual(first);
    expect(draw()).not.toEqual(first);
    const withGenerator = values(multinomial(probs, 30, { replacement: true, generator: new Random(9) }));
    expect(values(multinomial(probs, 30, { replacement: true, generator: 9 }))).toEqual(withGenerator);
    manualSeed(5);
    multinomial(probs, 30, { replacement: true, generator: new Random(9) });
    expect(draw()).toEqual(first);
  });

  test('the samples live on the probabilities\' backend', async () => {
    const wasm = await createWasmBackend();
    try {
      const out = multinomial(tensor([[1, 1], [1, 2]], { backend: wasm }), 2);
      expect(out.backend).toBe(wasm);
      for (const row of out.tolist() as number[][]) expect([...row].sort()).toEqual([0, 1]);
    } finally {
      wasm.dispose();
    }
  });

  test('bad probabilities are ValueErrors naming the function, the argument and the value', () => {
    expect(() => multinomial(tensor([0.5, -0.1, 0.6]), 1)).toThrow(new ValueError('multinomial: probs must be finite and non-negative, got -0.10000000149011612 at [1]'));
    expect(() => multinomial(tensor([0.5, NaN]), 1)).toThrow(/^multinomial: probs must be finite and non-negative, got NaN at \[1\]$/);
    expect(() => multinomial(tensor([[1, 1], [Infinity, 0]]), 1)).toThrow(/got Infinity at \[1, 0\]$/);
    expect(() => multinomial(tensor([0, 0, 0]), 1)).toThrow(/^multinomial: probs sums to 0/);
    expect(() => multinomial(tensor([[1, 0], [0, 0]]), 1, { replacement: true })).toThrow(/^multinomial: row 1 of probs sums to 0/);
  });

  test('bad sample counts, ranks and options', () => {
    const p = tensor([1, 1, 0]);
    expect(() => multinomial(p, 0)).toThrow(/^multinomial: numSamples must be a positive integer, got 0$/);
    expect(() => multinomial(p, 1.5, { replacement: true })).toThrow(ValueError);
    expect(() => multinomial(p, 4)).toThrow(/^multinomial: cannot draw 4 samples from 3 categories without replacement$/);
    expect(() => multinomial(p, 3)).toThrow(/^multinomial: probs has 2 categories with a positive probability, too few for 3 samples/);
    expect(multinomial(p, 3, { replacement: true }).shape).toEqual([3]);
    expect(() => multinomial(tensor(1), 1)).toThrow(new ShapeError('multinomial: probs must be 1-D or 2-D, got shape []'));
    expect(() => multinomial(tensor([[[1]]]), 1)).toThrow(ShapeError);
    expect(() => multinomial(tensor([], [2, 0]), 1)).toThrow(/^multinomial: probs has no categories/);
    expect(() => multinomial(p, 1, { replace: true } as never)).toThrow(/^multinomial: unknown option 'replace'/);
    expect(() => multinomial(p, 1, { replacement: 1 as never })).toThrow(/^multinomial: replacement must be true or false/);
    expect(() => multinomial(p, 1, { generator: -1 })).toThrow(/^multinomial: generator must be a non-negative integer/);
    expect(() => multinomial(p, 1, { generator: {} as never })).toThrow(/^multinomial: generator must be a Random or a seed/);
    expect(() => multinomial('0.5' as never, 1)).toThrow(/^multinomial: probs must be a Tensor or an array of numbers, got the string '0.5'/);
    const gone = tensor([1, 1]);
    gone.dispose();
    expect(() => multinomial(gone, 1)).toThrow(DisposedError);
  });
});

describe('distributions.Multinomial', () => {
  test('sample(): counts of shape [...sampleShape, ...batchShape, k], each summing to totalCount', () => {
    const die = new Multinomial(10, tensor([1, 1, 1, 1, 1, 1]));
    expect(die.batchShape).toEqual([]);
    expect(die.eventShape).toEqual([6]);
    expect(die.sample().shape).toEqual([6]);
    const batch = new Multinomial(4, [[0.5, 0.5], [0.9, 0.1]]);
    const s = batch.sample([2, 3]);
    expect(s.shape).toEqual([2, 3, 2, 2]);
    const flat = values(s);
    for (let i = 0; i < flat.length; i += 2) expect(flat[i] + flat[i + 1]).toBe(4);
    expect(new Multinomial(0, [1, 2]).sample([3]).tolist()).toEqual([[0, 0], [0, 0], [0, 0]]);
    expect(die.sample([0]).shape).toEqual([0, 6]);
  });

  test('one roll is one-hot; relative frequencies of 1,000 draws per sample are near the probabilities', () => {
    manualSeed(0);
    const roll = values(new Multinomial(1, tensor([1, 1, 1, 1, 1, 1]).div(6)).sample());
    expect(roll.reduce((a, b) => a + b, 0)).toBe(1);
    expect(roll.filter((v) => v === 1)).toHaveLength(1);
    const probs = [0.1, 0.2, 0.3, 0.4];
    const samples = new Multinomial(1000, tensor(probs)).sample([50]).tolist() as number[][];
    probs.forEach((p, i) => expectFrequency(samples.reduce((sum, row) => sum + row[i], 0), 50000, p));
    // The sample variance of a count is near n p (1 − p).
    const column = samples.map((row) => row[3]);
    const mean = column.reduce((a, b) => a + b, 0) / column.length;
    const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / (column.length - 1);
    expect(variance).toBeGreaterThan(240 * 0.5);
    expect(variance).toBeLessThan(240 * 1.6);
  });

  test('probs are normalised; mean and variance as torch computes them', () => {
    const m = new Multinomial(10, tensor([1, 3]));
    expect(values(m.probs)).toEqual([0.25, 0.75]);
    expect(values(m.mean)).toEqual([2.5, 7.5]);
    expect(values(m.variance)).toEqual([1.875, 1.875]);
    expect(m.totalCount).toBe(10);
  });

  test('seeded: manualSeed and a generator reproduce the samples', () => {
    const m = new Multinomial(20, [0.3, 0.7]);
    manualSeed(8);
    const first = values(m.sample([5]));
    manualSeed(8);
    expect(values(m.sample([5]))).toEqual(first);
    expect(values(m.sample([5], { generator: 3 }))).toEqual(values(m.sample([5], { generator: new Random(3) })));
  });

  test('the samples live on the backend of probs', () => {
    const cpu = new CpuBackend();
    expect(new Multinomial(3, tensor([1, 1], { backend: cpu })).sample().backend).toBe(cpu);
  });

  test('bad arguments are typed errors naming Multinomial', () => {
    expect(() => new Multinomial(-1, [0.5, 0.5])).toThrow(/^Multinomial: totalCount must be a non-negative integer, got -1$/);
    expect(() => new Multinomial(2.5, [0.5, 0.5])).toThrow(ValueError);
    expect(() => new Multinomial(1, [0.5, -0.5])).toThrow(/^Multinomial: probs must be finite and non-negative, got -0.5 at \[1\]$/);
    expect(() => new Multinomial(1, [[1, 1], [0, 0]])).toThrow(/^Multinomial: row 1 of probs sums to 0/);
    expect(() => new Multinomial(1, tensor(0.5))).toThrow(new ShapeError('Multinomial: probs must be at least 1-D, got shape []'));
    expect(() => new Multinomial(1, 'fair' as never)).toThrow(/^Multinomial: probs must be a Tensor or an array/);
    const m = new Multinomial(1, [1, 1]);
    expect(() => m.sample([-1])).toThrow(ShapeError);
    expect(() => m.sample([2], { seed: 1 } as never)).toThrow(/^Multinomial.sample: unknown option 'seed'/);
  });
});
