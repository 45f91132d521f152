/** The one Philox random source: Random (initialisers, dropout seeds) and RandomStream (data) are configurations of it. */
import { DATA_FAMILY, Random, RandomStream } from '../bindings/random.js';
import { seed as checkSeed } from '../bindings/validate.js';
import { ValueError } from '../bindings/errors.js';
import { dropoutArgs } from '../bindings/kernels/index.js';

const draws = (r: Random) => [r.nextU32(), r.uniform(), r.normal(), r.normal()];

describe('Random', () => {
  test('keeps the sequences drawn before Random and RandomStream were one class', () => {
    // First draws of the two former generators, recorded from their separate implementations.
    const r = new Random(0);
    expect([...draws(r), r.nextSeed()]).toEqual([1713891541, 0.880520197795704, -1.2860188831756638, -1.0037893655271375, 1350906208714971]);
    const s = new RandomStream(0, 3);
    expect([...draws(s), s.below(10)]).toEqual([1722361131, 0.5696860498133812, 0.4150671575741694, -0.23331755466498477, 6]);
  });

  test('RandomStream is Random in the data family with 53-bit uniforms', () => {
    const a = new RandomStream(9, 4), b = new Random(9, { stream: 4, family: DATA_FAMILY, uniformBits: 53 });
    expect(a).toBeInstanceOf(Random);
    expect(Array.from({ length: 50 }, () => a.normal())).toEqual(Array.from({ length: 50 }, () => b.normal()));
  });

  test('streams, families and precisions give different sequences', () => {
    const first = (options: ConstructorParameters<typeof Random>[1]) => new Random(5, options).uniform();
    const values = [first({}), first({ stream: 1 }), first({ family: 1 }), first({ uniformBits: 53 })];
    expect(new Set(values).size).toBe(values.length);
  });

  test('a 53-bit uniform uses bits below 2^-32', () => {
    const r = new Random(1, { uniformBits: 53 });
    const fine = Array.from({ length: 100 }, () => r.uniform()).filter((u) => (u * 4294967296) % 1 !== 0);
    expect(fine.length).toBeGreaterThan(90);
  });

  test('bad seeds and precisions are ValueErrors naming the class', () => {
    expect(() => new Random(-1)).toThrow(/^Random: seed must be a non-negative integer/);
    expect(() => new RandomStream(0.5)).toThrow(/^RandomStream: seed must be a non-negative integer/);
    expect(() => new Random(1, { uniformBits: 16 as never })).toThrow(/^Random: uniformBits must be 32 or 53/);
  });
});

describe('checkSeed', () => {
  test('accepts non-negative safe integers and rejects the rest', () => {
    expect(checkSeed('f', 0)).toBe(0);
    expect(checkSeed('f', 2 ** 53 - 1)).toBe(2 ** 53 - 1);
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53, '3', undefined]) expect(() => checkSeed('f', bad)).toThrow(ValueError);
  });

  test('dropout validates its seed with it', () => {
    expect(() => dropoutArgs('dropout', { p: 0.5, seed: -2 })).toThrow(/^dropout: seed must be a non-negative integer, got -2$/);
    expect(dropoutArgs('dropout', { p: 0.5, seed: 2 ** 32 + 3 })).toMatchObject({ seedLo: 3, seedHi: 1 });
  });
});
