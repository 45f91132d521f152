/** Property-based: broadcasting binary ops and reductions, forward and backward, against a host reference. */
import fc from 'fast-check';
import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { liveTensorCount, tensor, tidy } from '../bindings/index.js';
import { broadcastShapes } from '../bindings/shape.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A shape and a second shape broadcast-compatible with it (dims set to 1 or dropped from the front). */
const broadcastPair = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 })
  .chain((out) =>
    fc.tuple(
      fc.constant(out),
      fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
      fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
      fc.integer({ min: 0, max: out.length }),
      fc.integer({ min: 0, max: out.length }),
      fc.boolean(),
    ),
  )
  .map(([out, onesA, onesB, dropA, dropB, swap]) => {
    const a = out.map((d, i) => (onesA[i] ? 1 : d)).slice(dropA);
    const b = out.map((d, i) => (onesB[i] && !onesA[i] ? 1 : d)).slice(dropB);
    return swap ? [b, a] : [a, b];
  });

/** Index into an operand of shape `shape` for output multi-index `idx` under broadcasting. */
function operandIndex(idx: number[], shape: readonly number[]): number {
  const lead = idx.length - shape.length;
  let flat = 0;
  for (let i = 0; i < shape.length; i++) flat = flat * shape[i] + (shape[i] === 1 ? 0 : idx[lead + i]);
  return flat;
}

function* multiIndices(shape: readonly number[]): Generator<number[]> {
  const n = size(shape);
  for (let flat = 0; flat < n; flat++) {
    const idx: number[] = [];
    let rest = flat;
    for (let i = shape.length - 1; i >= 0; i--) {
      idx.unshift(rest % shape[i]);
      rest = Math.floor(rest / shape[i]);
    }
    yield idx;
  }
}

const OPS = {
  add: { f: (a: number, b: number) => a + b, da: () => 1, db: () => 1 },
  sub: { f: (a: number, b: number) => a - b, da: () => 1, db: () => -1 },
  mul: { f: (a: number, b: number) => a * b, da: (_a: number, b: number) => b, db: (a: number) => a },
  div: { f: (a: number, b: number) => a / b, da: (_a: number, b: number) => 1 / b, db: (a: number, b: number) => -a / (b * b) },
} as const;

describe.each(AUTOGRAD_BACKENDS)('autograd properties on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });

  test.each(Object.keys(OPS) as (keyof typeof OPS)[])('%s broadcasts forward and reduces gradients back', async (op) => {
    const { f, da, db } = OPS[op];
    await fc.assert(
      fc.asyncProperty(broadcastPair, fc.integer({ min: 1, max: 1000 }), async ([aShape, bShape], seed) => {
        const outShape = broadcastShapes([aShape, bShape]);
        const av = Float32Array.from({ length: size(aShape) }, (_, i) => 1 + 0.5 * Math.sin(seed + i));
        const bv = Float32Array.from({ length: size(bShape) }, (_, i) => 1.5 + 0.5 * Math.cos(seed * 3 + i));
        const rv = Float32Array.from({ length: size(outShape) }, (_, i) => Math.sin(seed * 7 + i));
        const before = liveTensorCount();
        const a = tensor(av, aShape, { backend, requiresGrad: true });
        const b = tensor(bv, bShape, { backend, requiresGrad: true });
        const out = tidy(() => {
          const out = wg[op](a, b);
          out.backward(tensor(rv, outShape, { backend }));
          return out;
        });
        const [y, ga, gb] = await Promise.all([out.data(), a.grad!.data(), b.grad!.data()]);
        for (const t of [out, a, b]) t.dispose();
        expect(liveTensorCount()).toBe(before);
        const wantA = new Float64Array(av.length), wantB = new Float64Array(bv.length);
        let o = 0;
        for (const idx of multiIndices(outShape)) {
          const i = operandIndex(idx, aShape), j = operandIndex(idx, bShape);
          expect(y[o]).toBeCloseTo(f(av[i], bv[j]), 5);
          wantA[i] += rv[o] * da(av[i], bv[j]);
          wantB[j] += rv[o] * db(av[i], bv[j]);
          o++;
        }
        wantA.forEach((w, i) => expect(ga[i]).toBeCloseTo(w, 4));
        wantB.forEach((w, j) => expect(gb[j]).toBeCloseTo(w, 4));
      }),
      { numRuns: 60 },
    );
  });

  test('sum and mean over random axes send the upstream gradient back to every summed element', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
          fc.tuple(fc.constant(shape), fc.subarray([...shape.keys()]), fc.boolean(), fc.boolean()),
        ),
        async ([shape, axes, keepDims, useMean]) => {
          const count = axes.length === 0 ? 1 : size(axes.map((a) => shape[a]));
          const x = tensor(Float32Array.from({ length: size(shape) }, (_, i) => i), shape, { backend, requiresGrad: true });
          let r = new Float32Array(0);
          const y = tidy(() => {
            const y = useMean ? x.mean(axes, keepDims) : x.sum(axes, keepDims);
            r = Float32Array.from({ length: y.size }, (_, i) => i + 1);
            y.backward(tensor(r, y.shape, { backend }));
            return y;
          });
          const expected = shape.filter((_, i) => !axes.includes(i) || keepDims).map((d, i) => (keepDims && axes.includes(i) ? 1 : d));
          expect(y.shape).toEqual(expected);
          const g = await x.grad!.data();
          x.dispose();
          y.dispose();
          // element idx receives r at its reduced position (scaled by 1/count for mean)
          let flat = 0;
          for (const idx of multiIndices(shape)) {
            const kept = idx.map((v, i) => (axes.includes(i) ? 0 : v));
            const keptShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
            const want = r[operandIndex(kept, keptShape)] / (useMean ? count : 1);
            expect(g[flat++]).toBeCloseTo(want, 5);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
