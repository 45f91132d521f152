import * as webgrad from '../bindings/index.js';
import { ShapeError, ValueError, init } from '../bindings/index.js';
import { Random } from '../bindings/index.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';

const backend = new CpuBackend();

function stats(values: Float32Array): { mean: number; variance: number; maxAbs: number } {
  let sum = 0, sq = 0, maxAbs = 0;
  for (const v of values) {
    sum += v;
    sq += v * v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const mean = sum / values.length;
  return { mean, variance: sq / values.length - mean * mean, maxAbs };
}

describe('seeded random source', () => {
  test('is Philox 4x32-10 in counter mode (Random123 known answer for key 0, counter 0)', () => {
    const r = new Random(0);
    expect([r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
  });

  test('the same seed gives the same stream; another seed another', () => {
    const a = new Random(123), b = new Random(123), c = new Random(124);
    const draw = (r: Random) => Array.from({ length: 10 }, () => r.normal());
    const da = draw(a);
    expect(draw(b)).toEqual(da);
    expect(draw(c)).not.toEqual(da);
    expect(() => new Random(-1)).toThrow(ValueError);
  });

  test('uniform is in [0, 1) and normal is standard', () => {
    const r = new Random(5);
    const u = Float32Array.from({ length: 100_000 }, () => r.uniform());
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(stats(u).mean).toBeCloseTo(0.5, 2);
    const n = Float32Array.from({ length: 100_000 }, () => r.normal());
    const s = stats(n);
    expect(Math.abs(s.mean)).toBeLessThan(0.01);
    expect(Math.abs(s.variance - 1)).toBeLessThan(0.02);
  });
});

describe('initialisers', () => {
  // a [256, 784] weight: fanIn 784, fanOut 256
  const shape = [256, 784];
  const fanSum = 784 + 256;

  test('xavierUniform stays within ±√(6/(fanIn+fanOut)) with variance 2/(fanIn+fanOut)', () => {
    const w = init.initTensor(shape, init.xavierUniform(), { backend, seed: 1 }).dataSync();
    const bound = Math.sqrt(6 / fanSum);
    const s = stats(w);
    expect(s.maxAbs).toBeLessThanOrEqual(bound);
    expect(s.maxAbs).toBeGreaterThan(0.99 * bound);
    expect(Math.abs(s.mean)).toBeLessThan(0.001);
    expect(s.variance / (2 / fanSum)).toBeCloseTo(1, 1);
  });

  test('xavierNormal has standard deviation gain·√(2/(fanIn+fanOut))', () => {
    const w = init.initTensor(shape, init.xavierNormal(2), { backend, seed: 2 }).dataSync();
    const s = stats(w);
    expect(Math.sqrt(s.variance) / (2 * Math.sqrt(2 / fanSum))).toBeCloseTo(1, 2);
    expect(Math.abs(s.mean)).toBeLessThan(0.001);
  });

  test('normal(σ) and zeros', () => {
    const w = init.initTensor([100, 100], init.normal(0.01), { backend, seed: 3 }).dataSync();
    const s = stats(w);
    expect(Math.sqrt(s.variance)).toBeCloseTo(0.01, 3);
    expect(Math.abs(s.mean)).toBeLessThan(0.001);
    expect(init.initTensor([7], init.zeros(), { backend }).dataSync().every((v) => v === 0)).toBe(true);
  });

  test('seeded: the same seed gives the same weights', () => {
    const a = init.initTensor([3, 4], init.xavierNormal(), { backend, seed: 8 }).dataSync();
    const b = init.initTensor([3, 4], init.xavierNormal(), { backend, seed: 8 }).dataSync();
    const c = init.initTensor([3, 4], init.xavierNormal(), { backend, seed: 9 }).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  test('fans need rank 2 or more; bad parameters throw', () => {
    expect(() => init.initTensor([5], init.xavierUniform(), { backend })).toThrow(ShapeError);
    expect(init.fans([4, 3, 2, 2])).toEqual({ fanIn: 12, fanOut: 16 });
    expect(() => init.normal(-1)).toThrow(ValueError);
    expect(() => init.uniform(1, 0)).toThrow(/low 1 must not exceed high 0/);
  });
});

describe('in-place initialisers (torch.nn.init.*_)', () => {
  const { manualSeed, nn, zeros } = webgrad;

  test('fill a parameter in place, unrecorded, bumping its version and keeping its identity', () => {
    manualSeed(4);
    const net = new nn.Sequential(new nn.Linear(784, 256, { backend }), new nn.ReLU());
    const layer = net.at(0) as InstanceType<typeof nn.Linear>;
    const weight = layer.weight;
    const version = weight.version;
    net.apply((m) => {
      if (m instanceof nn.Linear) {
        init.normal_(m.weight, { std: 0.01 });
        init.zeros_(m.bias!);
      }
    });
    expect(layer.weight).toBe(weight);
    expect(weight.version).toBeGreaterThan(version);
    expect(weight.requiresGrad).toBe(true);
    expect(weight.isLeaf).toBe(true);
    const s = stats(weight.dataSync());
    expect(Math.sqrt(s.variance)).toBeCloseTo(0.01, 3);
    expect(layer.bias!.dataSync().every((v) => v === 0)).toBe(true);
  });

  test('each function draws what its out-of-place twin draws', () => {
    const t = zeros([200, 300], { backend });
    expect(stats(init.uniform_(t, -2, 3).dataSync()).mean).toBeCloseTo(0.5, 1);
    expect(t.dataSync().every((v) => v >= -2 && v < 3)).toBe(true);
    expect(init.constant_(t, 1.5).dataSync().every((v) => v === 1.5)).toBe(true);
    expect(init.ones_(t).dataSync().every((v) => v === 1)).toBe(true);
    const bound = Math.sqrt(6 / 500);
    expect(stats(init.xavierUniform_(t).dataSync()).maxAbs).toBeLessThanOrEqual(bound);
    expect(Math.sqrt(stats(init.xavierNormal_(t, { gain: 2 }).dataSync()).variance) / (2 * Math.sqrt(2 / 500))).toBeCloseTo(1, 1);
    manualSeed(11);
    const a = Array.from(init.normal_(t, 1, 2).dataSync());
    manualSeed(11);
    expect(Array.from(init.normal_(zeros([200, 300], { backend }), { mean: 1, std: 2 }).dataSync())).toEqual(a);
  });

  test('bad arguments are typed errors naming the function', () => {
    const t = zeros([3, 4], { backend });
    expect(() => init.normal_(t, 0, -1)).toThrow(ValueError);
    expect(() => init.normal_(t, { std: Number.NaN })).toThrow(/normal_/);
    expect(() => init.uniform_(t, 2, 1)).toThrow(ValueError);
    expect(() => init.constant_(t, 'a' as unknown as number)).toThrow(webgrad.WebgradError);
    expect(() => init.xavierUniform_(zeros([5], { backend }))).toThrow(ShapeError);
    expect(() => init.zeros_([1, 2] as unknown as webgrad.Tensor)).toThrow(/zeros_: tensor must be a Tensor/);
    const gone = zeros([2], { backend });
    gone.dispose();
    expect(() => init.ones_(gone)).toThrow(/ones_/);
  });
});
