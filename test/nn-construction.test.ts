/** What nn modules promise at construction and in Sequential's Linear→ReLU fusion. */
import {
  Dropout, Linear, Random, ReLU, Sequential, ValueError, init, linear, mul, neg, relu, sub, tensor, tidy,
  type Tensor,
} from '../bindings/index.js';

const values = async (t: Tensor) => Array.from(await t.data());

class LeakyReLU extends ReLU {
  forward(x: Tensor): Tensor {
    return tidy(() => sub(relu(x), mul(relu(neg(x)), 0.1)));
  }
}

/** A Linear whose forward takes no options (so it cannot fuse a ReLU). */
class DoubledLinear extends Linear {
  forward(x: Tensor): Tensor {
    return tidy(() => mul(super.forward(x), 2));
  }
}

describe('Sequential fuses only an exact Linear followed by an exact ReLU', () => {
  const x = tensor([1, -2, 3, -4, 0.5, 2], [3, 2]);
  afterAll(() => x.dispose());

  test('a ReLU subclass after a Linear keeps its own forward', async () => {
    const layer = new Linear(2, 3, { seed: 1 });
    const model = new Sequential(layer, new LeakyReLU());
    const expected = tidy(() => {
      const h = linear(x, layer.weight, layer.bias);
      return sub(relu(h), mul(relu(neg(h)), 0.1));
    });
    const y = model.forward(x);
    const got = await values(y);
    expect(got.some((v) => v < 0)).toBe(true); // the leak is visible, so a plain ReLU would differ
    expect(got).toEqual(await values(expected));
    for (const t of [y, expected]) t.dispose();
    model.dispose();
  });

  test('a Linear subclass before a ReLU keeps the ReLU', async () => {
    const layer = new DoubledLinear(2, 3, { seed: 2 });
    const model = new Sequential(layer, new ReLU());
    const expected = tidy(() => relu(mul(linear(x, layer.weight, layer.bias), 2)));
    const y = model.forward(x);
    expect(await values(y)).toEqual(await values(expected));
    expect((await values(y)).every((v) => v >= 0)).toBe(true);
    for (const t of [y, expected]) t.dispose();
    model.dispose();
  });

  test('exact Linear → ReLU still matches the unfused composition', async () => {
    const layer = new Linear(2, 3, { seed: 3 });
    const model = new Sequential(layer, new ReLU());
    const expected = tidy(() => relu(linear(x, layer.weight, layer.bias)));
    const y = model.forward(x);
    expect(await values(y)).toEqual(await values(expected));
    for (const t of [y, expected]) t.dispose();
    model.dispose();
  });
});

describe('Linear initialisers', () => {
  test('a single initialiser sets the weight only; the bias keeps the default U(±1/√in)', async () => {
    const layer = new Linear(2, 3, { init: init.xavierUniform(), seed: 7 });
    const perParameter = new Linear(2, 3, { init: { weight: init.xavierUniform() }, seed: 7 });
    expect(await values(layer.weight)).toEqual(await values(perParameter.weight));
    expect(await values(layer.bias!)).toEqual(await values(perParameter.bias!));
    const bound = Math.sqrt(6 / 5);
    expect((await values(layer.weight)).every((v) => Math.abs(v) <= bound)).toBe(true);
    expect((await values(layer.bias!)).every((v) => Math.abs(v) <= 1 / Math.sqrt(2))).toBe(true);
    layer.dispose();
    perParameter.dispose();
  });

  test('init.normal(0.01) alone leaves the bias to the default, as {weight} does', async () => {
    const layer = new Linear(4, 5, { init: init.normal(0.01), seed: 9 });
    const perParameter = new Linear(4, 5, { init: { weight: init.normal(0.01) }, seed: 9 });
    expect(await values(layer.bias!)).toEqual(await values(perParameter.bias!));
    layer.dispose();
    perParameter.dispose();
  });

  test('{weight, bias} pairs set both', async () => {
    const layer = new Linear(2, 3, { init: { weight: init.constant(0.5), bias: init.zeros() } });
    expect(await values(layer.weight)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(await values(layer.bias!)).toEqual([0, 0, 0]);
    layer.dispose();
  });
});

describe('Dropout seed', () => {
  test.each([-1, 1.5, NaN, Infinity, 2 ** 53, '3', null])('seed %p is a ValueError at construction', (seed) => {
    expect(() => new Dropout(0.5, { seed: seed as never })).toThrow(ValueError);
    expect(() => new Dropout(0.5, { seed: seed as never })).toThrow(/^Dropout: seed must be a non-negative integer/);
  });

  test('valid seeds and Random sources are accepted', () => {
    expect(new Dropout(0.5, { seed: 0 }).seed).toBe(0);
    expect(new Dropout(0.5, { seed: 2 ** 53 - 1 }).seed).toBe(2 ** 53 - 1);
    const fromRandom = new Dropout(0.5, { seed: new Random(4) });
    expect(Number.isSafeInteger(fromRandom.seed)).toBe(true);
    expect(Number.isSafeInteger(new Dropout(0.5).seed)).toBe(true);
  });
});
