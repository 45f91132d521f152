import { syntheticData } from '../bindings/data/synthetic.js';
import { ValueError } from '../bindings/errors.js';

describe('syntheticData', () => {
  test('shapes, and y = Xw + b up to noise of std 0.01', () => {
    const w = [2, -3.4], b = 4.2;
    const data = syntheticData(w, b, 1000, { seed: 1 });
    expect(data.length).toBe(1000);
    expect(data.exampleShape).toEqual([2]);
    expect(data.targetShape).toEqual([1]);
    const residuals = Array.from({ length: 1000 }, (_, i) => data.y[i] - (data.x[2 * i] * w[0] + data.x[2 * i + 1] * w[1] + b));
    const mean = residuals.reduce((s, r) => s + r, 0) / 1000;
    const std = Math.sqrt(residuals.reduce((s, r) => s + (r - mean) ** 2, 0) / 999);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(std).toBeGreaterThan(0.008);
    expect(std).toBeLessThan(0.012);
    const xMean = data.x.reduce((s, v) => s + v, 0) / data.x.length;
    expect(Math.abs(xMean)).toBeLessThan(0.1);
  });

  test('seeded: same seed same data, another seed other data', () => {
    expect(syntheticData([1], 0, 5, { seed: 3 }).x).toEqual(syntheticData([1], 0, 5, { seed: 3 }).x);
    expect(syntheticData([1], 0, 5, { seed: 3 }).x).not.toEqual(syntheticData([1], 0, 5, { seed: 4 }).x);
  });

  test('bad arguments', () => {
    expect(() => syntheticData([], 0, 5)).toThrow(ValueError);
    expect(() => syntheticData([1], NaN, 5)).toThrow(/finite/);
    expect(() => syntheticData([1], 0, -1)).toThrow(/non-negative/);
  });
});
