/**
 * Finite-difference gradient check: backward's gradient of L = Σ f(inputs) ⊙ R (R a fixed random tensor
 * handed to backward as the upstream gradient) against central differences of L, accumulated in f64 on
 * the host from the f32 forward, on every backend; and no tensor is left behind.
 */
import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { Tensor, noGrad, tensor, tidy } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';
import { uniform } from './random.js';

export interface Input {
  shape: number[];
  /** Value range (default [-1, 1]); keep away from kinks and poles. */
  range?: readonly [number, number];
  /** Points the values are moved at least 0.05 away from. */
  kinks?: readonly number[];
  /** Whether this input's gradient is checked (default true). */
  grad?: boolean;
}

export interface GradCase {
  name: string;
  inputs: Input[];
  f: (...xs: Tensor[]) => Tensor;
  eps?: number;
  tolerance?: number;
}

/** Input values drawn uniformly from the input's range. */
function values(input: Input, seed: number): Float32Array {
  const [lo, hi] = input.range ?? [-1, 1];
  return uniform(input.shape.reduce((a, b) => a * b, 1), seed, lo, hi);
}

/** Values in [-1, -0.1] ∪ [0.1, 1], away from ReLU's kink. */
export const awayFromZero: [number, number] = [0.1, 1];
function signed(data: Float32Array, seed: number): Float32Array {
  const signs = uniform(data.length, seed);
  return data.map((v, i) => (signs[i] < 0 ? -v : v));
}

function upstream(shape: readonly number[], seed: number): Float32Array {
  return uniform(shape.reduce((a, b) => a * b, 1), seed, -1, 1);
}

/** L = Σ f(xs) ⊙ r in f64. */
async function objective(backend: Backend, gradCase: GradCase, data: Float32Array[], r: Float32Array): Promise<number> {
  const y = noGrad(() =>
    tidy(() => gradCase.f(...data.map((d, i) => tensor(d, gradCase.inputs[i].shape, { backend })))),
  );
  const out = await y.data();
  y.dispose();
  let total = 0;
  for (let i = 0; i < out.length; i++) total += out[i] * r[i];
  return total;
}

/** Registers one test per case on every backend. */
export function describeGradcheck(title: string, cases: GradCase[]): void {
describe.each(AUTOGRAD_BACKENDS)(`${title} on %s`, (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_caseName, gradCase) => {
    const eps = gradCase.eps ?? 3e-3;
    const tolerance = gradCase.tolerance ?? 1e-3;
    const data = gradCase.inputs.map((input, i) => {
      const v = values(input, 100 + i);
      const drawn = input.range === awayFromZero ? signed(v, 200 + i) : v;
      return drawn.map((x) => (input.kinks ?? []).reduce((y, kink) => (Math.abs(y - kink) < 0.05 ? kink + 0.1 : y), x));
    });
    const before = wg.liveTensorCount();
    const xs = data.map((d, i) =>
      tensor(d, gradCase.inputs[i].shape, { backend, requiresGrad: gradCase.inputs[i].grad ?? true }),
    );
    const r = tidy(() => {
      const y = gradCase.f(...xs);
      const r = upstream(y.shape, 300);
      y.backward(tensor(r, y.shape, { backend }));
      return r;
    });
    const analytic = await Promise.all(xs.map((x) => (x.grad ? x.grad.data() : null)));
    for (const x of xs) x.dispose();
    expect(wg.liveTensorCount()).toBe(before);

    for (const [i, input] of gradCase.inputs.entries()) {
      const want = input.grad ?? true;
      expect(analytic[i] !== null).toBe(want);
      if (!want) continue;
      const got = analytic[i]!;
      for (let j = 0; j < got.length; j++) {
        const plus = data.map((d) => d.slice()), minus = data.map((d) => d.slice());
        plus[i][j] += eps;
        minus[i][j] -= eps;
        // the step actually taken in f32
        const h = plus[i][j] - minus[i][j];
        const numeric = ((await objective(backend, gradCase, plus, r)) - (await objective(backend, gradCase, minus, r))) / h;
        if (!(Math.abs(got[j] - numeric) <= tolerance * Math.max(1, Math.abs(numeric))))
          throw new Error(`${gradCase.name}: input ${i} element ${j}: backward ${got[j]}, finite difference ${numeric}`);
      }
    }
  });
});
}
