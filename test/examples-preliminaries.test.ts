/** The d2l chapter 2, 3.1, 4.1 and 4.8 sections run as examples: what they print, return and draw. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWasmBackend, defaultBackend, type WasmBackend } from '../bindings/index.js';
import { main as tensors } from '../examples/tensors.js';
import { main as preprocessing } from '../examples/preprocessing.js';
import { main as linearAlgebra } from '../examples/linear-algebra.js';
import { main as calculus } from '../examples/calculus.js';
import { main as autograd } from '../examples/autograd.js';
import { main as probability } from '../examples/probability.js';
import { main as normalDensities } from '../examples/normal.js';
import { main as activations } from '../examples/activations.js';
import { main as numericalStability } from '../examples/numerical-stability.js';

let backend: WasmBackend;
let figuresDir: string;
const lines: string[] = [];
const log = (line: string) => void lines.push(line);
const options = () => ({ backend, log, figuresDir });

beforeAll(async () => {
  backend = await createWasmBackend();
  figuresDir = mkdtempSync(join(tmpdir(), 'webgrad-figures-'));
});
afterAll(() => {
  backend.dispose();
  rmSync(figuresDir, { recursive: true, force: true });
});
beforeEach(() => {
  lines.length = 0;
});

/** The figure was written, is an SVG and holds no NaN coordinate. */
function expectFigure(name: string): string {
  const file = join(figuresDir, `${name}.svg`);
  expect(existsSync(file)).toBe(true);
  const svg = readFileSync(file, 'utf8');
  expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
  expect(svg).not.toMatch(/NaN/);
  expect(lines).toContain(`figure: ${file}`);
  return svg;
}

const close = (actual: readonly number[], expected: readonly number[], tolerance = 1e-6) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i]))));
};

describe('d2l preliminaries as examples', () => {
  test('2.1 tensors: reshape, assignment, elementwise ops, cat, broadcasting, in-place writes', async () => {
    const r = await tensors(options());
    expect(r.numel).toBe(12);
    expect(r.assigned).toEqual([[12, 12, 12, 12], [12, 12, 12, 12], [8, 9, 10, 11]]);
    expect(r.elementwise).toEqual({ sum: [3, 4, 6, 10], difference: [-1, 0, 2, 6], product: [2, 4, 8, 16], quotient: [0.5, 1, 2, 4], power: [1, 4, 16, 64] });
    expect(r.catShapes).toEqual([[6, 4], [3, 8]]);
    expect(r.equal).toEqual([[0, 1, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0]]);
    expect(r.total).toBe(66);
    expect(r.broadcast).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(r.sameObject).toEqual({ afterAdd: false, afterSliceAssign: true, afterInPlace: true });
    expect(r.item).toBe(3.5);
    expect(lines).toContain('x.shape = torch.Size([12])');
    expect(lines.some((l) => l.startsWith('X[1, 2] = 17\ntensor([[ 0.,  1.,  2.,  3.],\n        [ 4.,  5., 17.,  7.]'))).toBe(true);
    expect(defaultBackend()).not.toBe(backend); // the section restored the default backend
  });

  test('2.2 preprocessing: house_tiny.csv → dummies with NaN column, mean-filled, tensors', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'webgrad-data-'));
    try {
      const r = await preprocessing({ ...options(), dataDir });
      expect(r.dataFile).toBe(join(dataDir, 'house_tiny.csv'));
      expect(readFileSync(r.dataFile, 'utf8').split('\n')).toEqual(['NumRooms,RoofType,Price', 'NA,NA,127500', '2,NA,106000', '4,Slate,178100', 'NA,NA,140000']);
      expect(r.columns).toEqual(['NumRooms', 'RoofType_Slate', 'RoofType_nan']);
      expect(r.X).toEqual([[3, 0, 1], [2, 0, 1], [4, 1, 0], [3, 0, 1]]);
      expect(r.y).toEqual([127500, 106000, 178100, 140000]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('2.3 linear algebra: symmetric check, keepDims sums, cumsum, dot, mv, mm, norms', async () => {
    const r = await linearAlgebra(options());
    expect(r.scalarOps).toEqual([5, 6, 1.5, 9]);
    expect(r.symmetric).toBe(true);
    expect(r.rowSums).toEqual([[3], [12]]);
    expect(r.cumsum).toEqual([[0, 1, 2], [3, 5, 7]]);
    expect(r.dot).toBe(3);
    expect(r.mv).toEqual([5, 14]);
    expect(r.mm).toEqual([[3, 3, 3, 3], [12, 12, 12, 12]]);
    expect(r.norms).toEqual({ l2: 5, l1: 7, frobenius: 6 });
  });

  test('2.4 calculus: the difference quotient tends to f\'(1) = 2; f and its tangent are drawn', async () => {
    const r = await calculus(options());
    close(r.limits.map(([h]) => h), [0.1, 0.01, 0.001, 0.0001, 0.00001], 1e-9);
    r.limits.forEach(([h, q]) => expect(Math.abs(q - (2 + 3 * h))).toBeLessThan(1e-6));
    expect(lines[0]).toBe('h=0.10000, numerical limit=2.30000');
    expect(lines[4]).toBe('h=0.00001, numerical limit=2.00003');
    const svg = expectFigure('calculus-tangent');
    expect(svg).toContain('Tangent line (x=1)');
    expect(svg).toBe(r.svg);
  });

  test('2.5 autograd: 4x, ones, 2x, detached u, and d / a through control flow', async () => {
    const r = await autograd({ ...options(), seed: 0 });
    expect(r.x).toEqual([0, 1, 2, 3]);
    expect(r.gradDot).toEqual(r.x.map((v) => 4 * v));
    expect(r.gradSum).toEqual([1, 1, 1, 1]);
    expect(r.gradNonScalar).toEqual(r.x.map((v) => 2 * v));
    expect(r.gradNonScalarSum).toEqual(r.gradNonScalar);
    expect(r.gradDetached).toEqual(r.u);
    expect(r.u).toEqual(r.x.map((v) => v * v));
    expect(r.gradThroughY).toEqual(r.x.map((v) => 2 * v));
    const { a, d, grad } = r.controlFlow;
    expect(Math.abs(grad - d / a)).toBeLessThanOrEqual(1e-6 * Math.abs(grad));
    expect(Math.log2(Math.abs(grad) / (grad > 0 === a > 0 ? 1 : 100)) % 1).toBe(0); // 2^k, or 100 · 2^k
    expect(lines).toContain('x.grad: null');
  });

  test('2.6 probability: coin and die frequencies near 1/2 and 1/6; the running estimates converge', async () => {
    const r = await probability({ ...options(), seed: 0 });
    expect(r.heads + r.tails).toBe(100);
    expect(Math.abs(r.heads - 50)).toBeLessThanOrEqual(25); // 5 standard deviations
    r.coinFrequencies.forEach((p) => expect(Math.abs(p - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / 10000)));
    expect(r.oneRoll.reduce((s, v) => s + v, 0)).toBe(1);
    const sd = (n: number) => Math.sqrt((1 / 6) * (5 / 6) / n);
    r.dieFrequencies.forEach((p) => expect(Math.abs(p - 1 / 6)).toBeLessThan(5 * sd(1000)));
    r.finalEstimates.forEach((p) => expect(Math.abs(p - 1 / 6)).toBeLessThan(5 * sd(10000)));
    close([r.finalEstimates.reduce((s, v) => s + v, 0)], [1], 1e-5);
    const svg = expectFigure('probability-die');
    for (let face = 1; face <= 6; face++) expect(svg).toContain(`P(die=${face})`);
    expect(svg).toContain('Groups of experiments');
    const again = await probability({ ...options(), seed: 0, figuresDir: null });
    expect(again.finalEstimates).toEqual(r.finalEstimates);
  });

  test('3.1 normal densities: peaks at the means with height 1/(σ√(2π)); each integrates to about 1', async () => {
    const r = await normalDensities(options());
    for (const peak of r.peaks) {
      expect(Math.abs(peak.x - peak.mean)).toBeLessThan(0.006);
      close([peak.density], [1 / (peak.std * Math.sqrt(2 * Math.PI))], 1e-4);
    }
    close(r.areas, [1, 1, 1], 1e-3);
    const svg = expectFigure('normal-densities');
    for (const label of ['mean 0, std 1', 'mean 0, std 2', 'mean 3, std 1']) expect(svg).toContain(label);
  });

  test('4.1 activations: autograd gradients match the closed forms', async () => {
    const r = await activations(options());
    expect(r.x).toHaveLength(160);
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const closedForm = {
      relu: { y: (x: number) => Math.max(x, 0), grad: (x: number) => (x > 0 ? 1 : 0) },
      sigmoid: { y: sig, grad: (x: number) => sig(x) * (1 - sig(x)) },
      tanh: { y: Math.tanh, grad: (x: number) => 1 - Math.tanh(x) ** 2 },
    };
    for (const curve of r.curves) {
      const want = closedForm[curve.name];
      curve.y.forEach((y, i) => expect(Math.abs(y - want.y(r.x[i]))).toBeLessThan(1e-5));
      curve.grad.forEach((g, i) => {
        if (curve.name === 'relu' && Math.abs(r.x[i]) < 1e-6) return; // the kink at 0
        expect(Math.abs(g - want.grad(r.x[i]))).toBeLessThan(1e-5);
      });
      expectFigure(`activation-${curve.name}`);
      expectFigure(`activation-${curve.name}-grad`);
    }
    expect(expectFigure('activation-sigmoid-grad')).toContain('grad of sigmoid');
  });

  test('4.8 numerical stability: the sigmoid gradient vanishes at ±8; 101 normal matrices explode', async () => {
    const r = await numericalStability({ ...options(), seed: 0 });
    expect(r.gradAt[1].grad).toBeCloseTo(0.25, 5);
    expect(r.gradAt[0].grad).toBeLessThan(5e-4);
    expect(r.gradAt[2].grad).toBeLessThan(5e-4);
    expect(r.singleNorm).toBeGreaterThan(0.5);
    expect(r.singleNorm).toBeLessThan(20);
    expect(r.productFinite).toBe(true);
    expect(r.productNorm).toBeGreaterThan(1e15);
    expect(lines.some((l) => l.startsWith('after multiplying 100 matrices\ntensor([['))).toBe(true);
    expect(expectFigure('vanishing-sigmoid-gradient')).toContain('gradient');
  });
});
