/**
 * nn.Dropout with p other than 0.5, where scaling by 1/p and by 1/(1 - p) differ: on every backend the
 * kept elements are x / (1 - p), the mask is exactly the Philox words' (word >= floor(p · 2^32), checked
 * by the Philox known-answer tests in oracle-cpu), each call draws the next offset, and the gradient
 * is the same mask and scale.
 */
import type { Backend } from '../bindings/backend.js';
import { dropoutWord } from '../bindings/cpu/philox.js';
import { Dropout, backward, liveTensorCount, sum, tensor } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';

const SEED = 2 ** 33 + 977;
const [SEED_LO, SEED_HI] = [SEED >>> 0, Math.floor(SEED / 2 ** 32)];

describe.each(AUTOGRAD_BACKENDS)('nn.Dropout on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  afterAll(() => backend.dispose());

  test.each([0.2, 0.7, 0.9])('p = %s: kept elements scaled by 1/(1 - p), the Philox mask, the same in backward', async (p) => {
    const n = 3001;
    const before = liveTensorCount();
    const drop = new Dropout(p, { seed: SEED });
    const xs = Float32Array.from({ length: n }, (_, i) => 1 + (i % 7) * 0.5);
    const x = tensor(xs, [n], { backend, requiresGrad: true });
    const scale = Math.fround(1 / (1 - p)), threshold = Math.floor(p * 2 ** 32);
    for (const offset of [0, 1]) {
      const y = drop.forward(x);
      const got = await y.data();
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const keep = dropoutWord(i, SEED_LO, SEED_HI, offset) >= threshold;
        const want = keep ? Math.fround(xs[i] * scale) : 0;
        if (got[i] !== want) throw new Error(`offset ${offset}, element ${i}: got ${got[i]}, want ${want}`);
        kept += keep ? 1 : 0;
      }
      expect(Math.abs(kept - n * (1 - p))).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
      const loss = sum(y);
      backward(loss);
      const grad = await x.grad!.data();
      for (let i = 0; i < n; i++) {
        const want = dropoutWord(i, SEED_LO, SEED_HI, offset) >= threshold ? scale : 0;
        if (grad[i] !== want) throw new Error(`offset ${offset}, gradient ${i}: got ${grad[i]}, want ${want}`);
      }
      x.grad!.dispose();
      x.grad = null;
      y.dispose();
      loss.dispose();
    }
    expect(drop.offset).toBe(2);
    drop.eval();
    expect(drop.forward(x)).toBe(x);
    x.dispose();
    expect(liveTensorCount()).toBe(before);
  });
});
