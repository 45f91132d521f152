/**
 * The cpu reference against values that do not come from it: closed forms, sums written out here in
 * f64, published known answers (Random123's Philox 4x32-10 vectors) and values of Python's math
 * module (its erf is C's libm, an implementation independent of bindings/op-table/math.ts). Every
 * other backend is tested against the cpu backend, so this is what anchors the kernel table.
 */
import type { Backend, Storage } from '../bindings/backend.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { dropoutWord, philox4x32_10 } from '../bindings/cpu/philox.js';
import { callFused, withDefaultKernels } from '../bindings/fused/index.js';
import { kernels } from '../bindings/index.js';
import { BINARY_OPS, UNARY_OPS, UNARY_ROWS, type BinaryOp, type UnaryOp } from '../bindings/op-table/index.js';

const cpu = new CpuBackend();
/** The reference's fused kernels, and the defaults composed of its primitives: both must meet the closed forms. */
const FUSED: [string, Backend][] = [['cpu', cpu], ['cpu defaults', withDefaultKernels(cpu)]];

function put(backend: Backend, values: ArrayLike<number>): Storage {
  const s = backend.alloc(values.length);
  backend.write(s, Float32Array.from(values));
  return s;
}
const get = (backend: Backend, s: Storage) => Array.from(backend.readSync!(s));

/** got equals want rounded to f32, within `ulps` units in the last place (NaN equals NaN, infinities exactly). */
function expectF32(got: readonly number[], want: readonly number[], ulps = 1, what = '') {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => {
    const w = Math.fround(want[i]);
    if (Number.isNaN(w) || !Number.isFinite(w)) {
      if (!Object.is(g, w)) throw new Error(`${what} element ${i}: got ${g}, want ${w}`);
      return;
    }
    const ulp = Math.max(2 ** (Math.floor(Math.log2(Math.max(Math.abs(w), 2 ** -126))) - 23), 2 ** -149);
    if (!(Math.abs(g - w) <= ulps * ulp)) throw new Error(`${what} element ${i}: got ${g}, want ${w} (${want[i]}) within ${ulps} ulp`);
  });
}

describe('Philox 4x32-10 (the dropout generator)', () => {
  // Random123's tests/kat_vectors, the three philox4x32 10 lines: counter, key, expected output.
  const KAT: [number[], number[], number[]][] = [
    [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
  ];

  /** Philox 4x32-10 written out again with BigInt products, straight from the paper. */
  function bigPhilox(counter: number[], key: number[]): number[] {
    const mask = 0xffffffffn;
    let [c0, c1, c2, c3] = counter.map(BigInt);
    let [k0, k1] = key.map(BigInt);
    for (let round = 0; round < 10; round++) {
      const p0 = 0xd2511f53n * c0, p1 = 0xcd9e8d57n * c2;
      [c0, c1, c2, c3] = [((p1 >> 32n) ^ c1 ^ k0) & mask, p1 & mask, ((p0 >> 32n) ^ c3 ^ k1) & mask, p0 & mask];
      k0 = (k0 + 0x9e3779b9n) & mask;
      k1 = (k1 + 0xbb67ae85n) & mask;
    }
    return [c0, c1, c2, c3].map(Number);
  }

  test.each(KAT)('counter %j key %j gives the published words', (counter, key, want) => {
    expect(philox4x32_10(counter, key)).toEqual(want);
    expect(bigPhilox(counter, key)).toEqual(want);
  });

  test.each([0.2, 0.7, 0.05])('cpu dropout with p = %s: the mask of the Philox words, kept values times 1 / (1 - p)', (p) => {
    const seed = 2 ** 40 + 12345, offset = 7, n = 4099;
    const args = kernels.dropoutArgs('test', { p, seed, offset });
    expect(args.threshold).toBe(Math.floor(p * 2 ** 32));
    expect(args.scale).toBe(Math.fround(1 / (1 - p)));
    expect([args.seedLo, args.seedHi]).toEqual([12345, 256]);
    const x = Float32Array.from({ length: n }, (_, i) => 1 + (i % 13) / 8);
    const xs = put(cpu, x), out = cpu.alloc(n);
    cpu.dropout!(xs, out, n, args);
    const got = get(cpu, out);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const word = bigPhilox([Math.floor(i / 4), offset, 0, 0], [12345, 256])[i % 4];
      expect(dropoutWord(i, 12345, 256, offset)).toBe(word);
      const keep = word >= Math.floor(p * 2 ** 32);
      expect(got[i]).toBe(keep ? Math.fround(x[i] * Math.fround(1 / (1 - p))) : 0);
      kept += keep ? 1 : 0;
    }
    // Binomial(n, 1 - p) within 5 standard deviations.
    expect(Math.abs(kept - n * (1 - p))).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
  });
});

describe('op table references, at points with known values', () => {
  // [x, want] per op (alpha, beta where the op takes them); erf and GELU values from Python's math module.
  const LN2 = Math.log(2), LN3 = Math.log(3);
  const UNARY_VALUES: Record<UnaryOp, { alpha?: number; beta?: number; points: [number, number][] }> = {
    neg: { points: [[2.5, -2.5], [-0, 0], [Infinity, -Infinity]] },
    exp: { points: [[LN2, 2], [0, 1], [-Infinity, 0], [-LN3, 1 / 3], [89, Infinity]] },
    log: { points: [[8, 3 * LN2], [1, 0], [0, -Infinity], [-1, NaN], [Math.E, 1]] },
    sqrt: { points: [[2.25, 1.5], [0, 0], [-1, NaN], [Infinity, Infinity]] },
    abs: { points: [[-3, 3], [2, 2], [-Infinity, Infinity]] },
    sign: { points: [[-0.5, -1], [0, 0], [7, 1], [NaN, 0]] }, // PyTorch's sign(NaN) is 0 too
    sigmoid: { points: [[LN3, 0.75], [0, 0.5], [-LN3, 0.25], [-Infinity, 0], [Infinity, 1]] },
    tanh: { points: [[LN2, 0.6], [LN3, 0.8], [-LN3, -0.8], [0, 0]] },
    relu: { points: [[-1, 0], [2, 2], [0, 0]] },
    gelu: { points: [[1, 0.8413447460685429], [-1, -0.15865525393145707], [2, 1.9544997361036416], [-3, -0.00404969409489031], [0.5, 0.34573123063700656]] },
    geluTanh: { points: [[1, 0.8411919906082768], [-1, -0.15880800939172324], [2, 1.954597694087775], [-3, -0.0036373920817729943]] },
    erf: { points: [[0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527], [-3, -0.9999779095030014], [4, 0.9999999845827421]] },
    sin: { points: [[Math.PI / 6, 0.5], [-Math.PI / 2, -1], [0, 0]] },
    cos: { points: [[Math.PI / 3, 0.5], [Math.PI, -1], [0, 1]] },
    square: { points: [[-1.5, 2.25], [3, 9]] },
    reciprocal: { points: [[4, 0.25], [-0.5, -2], [0, Infinity]] },
    pow: { alpha: 0.5, points: [[9, 3], [2.25, 1.5], [0, 0]] },
    clamp: { alpha: -1, beta: 2, points: [[5, 2], [-3, -1], [0.5, 0.5], [NaN, NaN]] },
    scale: { alpha: -2.5, points: [[3, -7.5], [-2, 5]] },
    divide: { alpha: 3, points: [[1, 1 / 3], [-6, -2], [0, 0]] },
    shift: { alpha: 0.75, points: [[3, 3.75], [-0.75, 0]] },
    isnan: { points: [[NaN, 1], [Infinity, 0], [0, 0]] },
    isfinite: { points: [[NaN, 0], [Infinity, 0], [-Infinity, 0], [3, 1]] },
  };

  // [[1, 2, 3], [4, 5, 6]] op [2, NaN, -1], broadcast along the rows.
  const BINARY_VALUES: Record<string, number[]> = {
    add: [3, NaN, 2, 6, NaN, 5], sub: [-1, NaN, 4, 2, NaN, 7], mul: [2, NaN, -3, 8, NaN, -6], div: [0.5, NaN, -3, 2, NaN, -6],
    maximum: [2, NaN, 3, 4, NaN, 6], minimum: [1, NaN, -1, 2, NaN, -1], pow: [1, NaN, 1 / 3, 16, NaN, 1 / 6],
    eq: [0, 0, 0, 0, 0, 0], ne: [1, 1, 1, 1, 1, 1], gt: [0, 0, 1, 1, 0, 1], ge: [0, 0, 1, 1, 0, 1], lt: [1, 0, 0, 0, 0, 0],
    le: [1, 0, 0, 0, 0, 0], whereTrue: [2, NaN, -1, 2, NaN, -1], whereFalse: [0, 0, 0, 0, 0, 0],
  };

  test('every unary op, binary op and backward rule has known values here', () => {
    expect(Object.keys(UNARY_VALUES).sort()).toEqual([...UNARY_OPS].sort());
    const withGrad = UNARY_OPS.filter((op) => UNARY_ROWS[op].grad).map((op) => `${op}Grad`);
    expect([...new Set(GRAD_VALUES.map(([op]) => op))].sort()).toEqual(withGrad.sort());
    expect(Object.keys(BINARY_VALUES).sort()).toEqual(BINARY_OPS.filter((op) => !op.endsWith('Grad')).sort());
  });

  test.each(Object.entries(UNARY_VALUES))('%s', (op, { alpha = 0, beta = 0, points }) => {
    const x = put(cpu, points.map(([v]) => v)), out = cpu.alloc(points.length);
    cpu.unary(op as UnaryOp, x, out, points.length, alpha, beta);
    expectF32(get(cpu, out), points.map(([, w]) => w), 1, op);
  });

  // Backward rules [saved input or output, dy, want] from the derivatives written out here.
  const s = (x: number) => 1 / (1 + Math.exp(-x));
  const GRAD_VALUES: [BinaryOp, number, number, [number, number, number][]][] = [
    ['expGrad', 0, 0, [[2, 3, 6]]], // y = e^x: dy·y
    ['logGrad', 0, 0, [[4, 2, 0.5]]], // dy / x
    ['sqrtGrad', 0, 0, [[3, 6, 1]]], // y = √x: dy / 2y
    ['absGrad', 0, 0, [[-2, 5, -5], [0, 5, 0], [3, 5, 5]]],
    ['signGrad', 0, 0, [[2, 5, 0]]],
    ['sigmoidGrad', 0, 0, [[s(LN3), 2, 2 * 0.75 * 0.25]]], // y(1 - y)
    ['tanhGrad', 0, 0, [[0.6, 1, 0.64]]], // 1 - y²
    ['reluGrad', 0, 0, [[2, 3, 3], [0, 3, 0]]],
    ['geluGrad', 0, 0, [[1, 1, 1.0833154705876864], [-1, 2, 2 * -0.08331547058768629], [-0.5, 1, 0.13250487534383712]]],
    ['geluTanhGrad', 0, 0, [[1, 1, 1.0829640838457826], [-1, 1, -0.08296408384578255], [2, 1, 1.0860992566236183]]],
    ['erfGrad', 0, 0, [[1, 1, 0.4151074974205947], [-0.5, 2, 2 * 0.8787825789354448]]], // 2/√π e^{-x²}
    ['sinGrad', 0, 0, [[Math.PI / 3, 2, 1]]], // cos
    ['cosGrad', 0, 0, [[Math.PI / 6, 2, -1]]], // -sin
    ['squareGrad', 0, 0, [[3, 0.5, 3]]], // 2x
    ['reciprocalGrad', 0, 0, [[0.25, 2, -0.125]]], // y = 1/x: -dy·y²
    ['powGrad', 3, 0, [[2, 1, 12]]], // alpha x^(alpha-1)
    ['powGrad', 0, 0, [[2, 1, 0]]], // PyTorch: d(x^0)/dx = 0
    ['clampGrad', -1, 2, [[2, 7, 7], [-1, 7, 7], [2.5, 7, 0], [-3, 7, 0]]], // bounds included
  ];

  test.each(GRAD_VALUES)('%s (alpha %s, beta %s)', (op, alpha, beta, points) => {
    const n = points.length;
    const a = put(cpu, points.map((p) => p[0])), dy = put(cpu, points.map((p) => p[1])), out = cpu.alloc(n);
    cpu.binary(op, a, dy, out, { shape: [n], strides: [[1], [1]] }, alpha, beta);
    expectF32(get(cpu, out), points.map((p) => p[2]), 1, op);
  });

  test('binary ops, broadcast by strides: [2, 3] op [3]', () => {
    const a = put(cpu, [1, 2, 3, 4, 5, 6]), b = put(cpu, [2, NaN, -1]), out = cpu.alloc(6);
    const layout = { shape: [2, 3], strides: [[3, 1], [0, 1]] };
    for (const [op, values] of Object.entries(BINARY_VALUES)) {
      cpu.binary(op as BinaryOp, a, b, out, layout, 0, 0);
      expectF32(get(cpu, out), values, 1, op);
    }
    // NaN on the left: maximum and minimum propagate it from either side, as torch.maximum does.
    const nanFirst = put(cpu, [NaN, 1]), two = put(cpu, [2, NaN]), pair = cpu.alloc(2);
    for (const op of ['maximum', 'minimum'] as const) {
      cpu.binary(op, nanFirst, two, pair, { shape: [2], strides: [[1], [1]] }, 0, 0);
      expect(get(cpu, pair)).toEqual([NaN, NaN]);
    }
    const zero = put(cpu, [0, 3, NaN]);
    cpu.binary('whereTrue', zero, a, out, { shape: [3], strides: [[1], [1]] }, 0, 0);
    expectF32(get(cpu, out).slice(0, 3), [0, 2, 3], 0, 'whereTrue with a NaN condition (true, as != 0)');
  });
});

describe('reductions and index kernels', () => {
  // x[o, l, i] = 100 o + 10 l + i over [outer 3, length 4, inner 2].
  const [O, L, I] = [3, 4, 2];
  const x = Array.from({ length: O * L * I }, (_, at) => 100 * Math.floor(at / (L * I)) + 10 * (Math.floor(at / I) % L) + (at % I));
  const at = (o: number, i: number) => o * I + i;

  test('sum, prod, max, min along the middle axis: closed forms', () => {
    const xs = put(cpu, x), out = cpu.alloc(O * I);
    const closed: Record<string, (o: number, i: number) => number> = {
      sum: (o, i) => L * (100 * o + i) + 10 * (L * (L - 1)) / 2,
      max: (o, i) => 100 * o + 10 * (L - 1) + i,
      min: (o, i) => 100 * o + i,
      prod: (o, i) => [0, 1, 2, 3].reduce((p, l) => p * (100 * o + 10 * l + i), 1),
    };
    for (const [op, f] of Object.entries(closed)) {
      cpu.reduce(op as 'sum', xs, out, { outer: O, length: L, inner: I });
      const want = new Array<number>(O * I);
      for (let o = 0; o < O; o++) for (let i = 0; i < I; i++) want[at(o, i)] = f(o, i);
      expectF32(get(cpu, out), want, 1, op);
    }
  });

  test('max and min are NaN over a NaN, ±Inf otherwise; an empty sum is 0 and an empty product 1', () => {
    const xs = put(cpu, [1, NaN, 3, -Infinity, 2, Infinity]), out = cpu.alloc(2);
    cpu.reduce('max', xs, out, { outer: 2, length: 3, inner: 1 });
    expect(get(cpu, out)).toEqual([NaN, Infinity]);
    cpu.reduce('min', xs, out, { outer: 2, length: 3, inner: 1 });
    expect(get(cpu, out)).toEqual([NaN, -Infinity]);
    cpu.reduce('sum', xs, out, { outer: 2, length: 0, inner: 1 });
    expect(get(cpu, out)).toEqual([0, 0]);
    cpu.reduce('prod', xs, out, { outer: 2, length: 0, inner: 1 });
    expect(get(cpu, out)).toEqual([1, 1]);
  });

  test('argmax and argmin: the first extreme, or the first NaN', () => {
    const xs = put(cpu, [3, 7, 7, 1, 1, 2, NaN, NaN, 9]), out = cpu.alloc(3);
    cpu.argReduce('argmax', xs, out, { outer: 3, length: 3, inner: 1 });
    expect(get(cpu, out)).toEqual([1, 2, 0]);
    cpu.argReduce('argmin', xs, out, { outer: 3, length: 3, inner: 1 });
    expect(get(cpu, out)).toEqual([0, 0, 0]);
    // Along the first axis of [3, 3]: columns (3, 1, NaN), (7, 1, NaN), (7, 2, 9).
    cpu.argReduce('argmax', xs, out, { outer: 1, length: 3, inner: 3 });
    expect(get(cpu, out)).toEqual([2, 2, 2]);
    cpu.argReduce('argmin', xs, out, { outer: 1, length: 3, inner: 3 });
    expect(get(cpu, out)).toEqual([2, 2, 1]);
  });

  test('strided copy: a transpose into an offset destination', () => {
    const xs = put(cpu, [1, 2, 3, 4, 5, 6]), out = put(cpu, new Array(8).fill(-1));
    cpu.stridedCopy(xs, out, { shape: [3, 2], inOffset: 0, inStrides: [1, 3], outOffset: 2, outStrides: [2, 1] });
    expect(get(cpu, out)).toEqual([-1, -1, 1, 4, 2, 5, 3, 6]);
  });

  test('gather and scatter-add along the middle axis, bad indices NaN (gather) or skipped (scatter)', () => {
    // x [1, 3, 2]; index [1, 5, 2] shared by both inner positions (stride 0).
    const xs = put(cpu, [10, 11, 20, 21, 30, 31]), index = put(cpu, [2, 0, 1.5, -1, 3]), out = cpu.alloc(10);
    const args = { outer: 1, length: 3, inner: 2, count: 5, indexStrides: [0, 1, 0] as [number, number, number] };
    cpu.gather(xs, index, out, args);
    expect(get(cpu, out)).toEqual([30, 31, 10, 11, NaN, NaN, NaN, NaN, NaN, NaN]);
    const src = put(cpu, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), target = put(cpu, [0, 0, 0, 0, 100, 100, 7, 7]);
    cpu.scatterAdd(src, index, target, args);
    expect(get(cpu, target)).toEqual([3, 4, 0, 0, 101, 102, 7, 7]);
  });
});

describe('matmul', () => {
  function matmul(a: number[], b: number[], args: Partial<Parameters<CpuBackend['matmul']>[3]> & { m: number; n: number; k: number }, bias?: number[]) {
    const full = { transA: false, transB: false, bias: bias ? put(cpu, bias) : null, relu: false, batch: 1, aBatchStride: 0, bBatchStride: 0, ...args };
    const c = cpu.alloc(full.m * full.n * full.batch);
    cpu.matmul(put(cpu, a), put(cpu, b), c, full);
    return get(cpu, c);
  }

  test('a product written out by hand, and its transposed storage forms', () => {
    // A = [[1, 2, 3], [4, 5, 6]], B = [[7, 8], [9, 10], [11, 12]]: C = [[58, 64], [139, 154]].
    const want = [58, 64, 139, 154];
    expect(matmul([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], { m: 2, n: 2, k: 3 })).toEqual(want);
    expect(matmul([1, 4, 2, 5, 3, 6], [7, 8, 9, 10, 11, 12], { m: 2, n: 2, k: 3, transA: true })).toEqual(want);
    expect(matmul([1, 2, 3, 4, 5, 6], [7, 9, 11, 8, 10, 12], { m: 2, n: 2, k: 3, transB: true })).toEqual(want);
    expect(matmul([1, 4, 2, 5, 3, 6], [7, 9, 11, 8, 10, 12], { m: 2, n: 2, k: 3, transA: true, transB: true })).toEqual(want);
  });

  test('A[i][p] = i + p, B[p][j] = p - j: C by the sums of powers', () => {
    const [m, k, n] = [7, 13, 5];
    const a = Array.from({ length: m * k }, (_, at) => Math.floor(at / k) + (at % k));
    const b = Array.from({ length: k * n }, (_, at) => Math.floor(at / n) - (at % n));
    const s1 = (k * (k - 1)) / 2, s2 = ((k - 1) * k * (2 * k - 1)) / 6;
    const want = Array.from({ length: m * n }, (_, at) => {
      const i = Math.floor(at / n), j = at % n;
      return i * s1 - i * j * k + s2 - j * s1;
    });
    expect(matmul(a, b, { m, n, k })).toEqual(want);
  });

  test('bias, then ReLU; k = 0 gives the bias alone', () => {
    expect(matmul([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], { m: 2, n: 2, k: 3, relu: true }, [-60, -200])).toEqual([0, 0, 79, 0]);
    expect(matmul([], [], { m: 2, n: 3, k: 0 }, [1, -2, 3])).toEqual([1, -2, 3, 1, -2, 3]);
  });

  test('a batch of two with A shared (stride 0)', () => {
    const got = matmul([1, 2], [1, 0, 0, 1, 2, 3, 4, 5], { m: 1, n: 2, k: 2, batch: 2, aBatchStride: 0, bBatchStride: 4 });
    expect(got).toEqual([1, 2, 2 + 8, 3 + 10]);
  });
});

test('cpu cross-entropy: a label that is not a class index gives a NaN loss and gradient row', () => {
  const xs = put(cpu, [0, 1, 2, 0, 1, 2, 0, 1, 2]), labels = put(cpu, [1.5, 3, -1]);
  const loss = cpu.alloc(3), grad = cpu.alloc(9);
  cpu.crossEntropy(xs, labels, loss, grad, 3, 3, 1);
  expect(get(cpu, loss)).toEqual([NaN, NaN, NaN]);
  expect(get(cpu, grad)).toEqual(new Array(9).fill(NaN));
});

describe.each(FUSED)('fused kernels on %s, against closed forms', (_name, backend) => {
  // exp of [0, ln 2, ln 5] is [1, 2, 5]: softmax [1/8, 2/8, 5/8].
  const row = [0, Math.log(2), Math.log(5)];

  test('softmax and log-softmax: exact fractions, large logits, and non-finite rows', () => {
    const rows = [...row, 1000, 999, 998, 2, 2, 2, NaN, 0, 0, Infinity, 0, 0, -Infinity, 0, Math.log(3), -Infinity, -Infinity, -Infinity];
    const xs = put(backend, rows), out = backend.alloc(rows.length);
    const big = [1, Math.exp(-1), Math.exp(-2)].map((e) => e / (1 + Math.exp(-1) + Math.exp(-2)));
    const want = [1 / 8, 2 / 8, 5 / 8, ...big, 1 / 3, 1 / 3, 1 / 3, NaN, NaN, NaN, NaN, NaN, NaN, 0, 0.25, 0.75, NaN, NaN, NaN];
    callFused(backend, 'softmax', xs, out, 7, 3, false);
    expectF32(get(backend, out), want, 2, 'softmax');
    callFused(backend, 'softmax', xs, out, 7, 3, true);
    expectF32(get(backend, out), want.map(Math.log), 2, 'logSoftmax');
  });

  test('cross-entropy: -log p[label] and (p - onehot)·scale', () => {
    const xs = put(backend, [...row, ...row]), labels = put(backend, [2, 0]);
    const loss = backend.alloc(2), grad = backend.alloc(6);
    callFused(backend, 'crossEntropy', xs, labels, loss, grad, 2, 3, 0.5);
    expectF32(get(backend, loss), [Math.log(8 / 5), Math.log(8)], 2, 'loss');
    expectF32(get(backend, grad), [1 / 16, 1 / 8, -3 / 16, -7 / 16, 1 / 8, 5 / 16], 2, 'grad');
  });

  test('where picks a where the condition is non-zero (NaN included), broadcasting b', () => {
    const cond = put(backend, [1, 0, NaN, -2]), a = put(backend, [10, 20, 30, 40]), b = put(backend, [7]), out = backend.alloc(4);
    callFused(backend, 'where', cond, a, b, out, { shape: [4], strides: [[1], [1], [0]] });
    expect(get(backend, out)).toEqual([10, 7, 30, 40]);
  });

  test('SGD with momentum and a constant gradient: PyTorch\'s recursion in closed form', () => {
    const [lr, mu, g, p0, steps] = [0.1, 0.9, 0.5, 1, 5];
    const p = put(backend, [p0]), grad = put(backend, [g]), v = put(backend, [0]);
    for (let t = 0; t < steps; t++) callFused(backend, 'sgdUpdate', p, grad, v, 1, { lr, momentum: mu, weightDecay: 0 });
    // v_t = g (1 - mu^t) / (1 - mu); p_T = p0 - lr Σ v_t.
    const sum = (g / (1 - mu)) * (steps - (mu * (1 - mu ** steps)) / (1 - mu));
    expectF32(get(backend, p), [p0 - lr * sum], 4, 'param');
    expectF32(get(backend, v), [(g * (1 - mu ** steps)) / (1 - mu)], 4, 'velocity');
    // Weight decay without momentum: p1 = p0 - lr (g + wd p0).
    const q = put(backend, [2]);
    callFused(backend, 'sgdUpdate', q, grad, null, 1, { lr, momentum: 0, weightDecay: 0.25 });
    expectF32(get(backend, q), [2 - lr * (g + 0.25 * 2)], 1, 'weight decay');
  });

  test('Adam with a constant gradient: the bias corrections make every step lr·g/(|g| + eps)', () => {
    const [lr, b1, b2, eps, g, steps] = [0.01, 0.9, 0.999, 1e-3, -0.25, 6];
    const p = put(backend, [1]), grad = put(backend, [g]), m = put(backend, [0]), v = put(backend, [0]);
    for (let t = 1; t <= steps; t++)
      callFused(backend, 'adamUpdate', p, grad, m, v, 1, { lr, beta1: b1, beta2: b2, eps, weightDecay: 0, biasCorrection1: 1 - b1 ** t, biasCorrection2: 1 - b2 ** t });
    expectF32(get(backend, p), [1 - (steps * lr * g) / (Math.abs(g) + eps)], 8, 'param');
    expectF32(get(backend, m), [g * (1 - b1 ** steps)], 8, 'm');
    expectF32(get(backend, v), [g * g * (1 - b2 ** steps)], 8, 'v');
  });
});
