import fc from 'fast-check';
import { mat4 } from 'wgpu-matrix';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import type { Backend } from '../bindings/backend.js';
import { ShapeError } from '../bindings/errors.js';
import * as k from '../bindings/kernels/index.js';
import { tensor } from '../bindings/tensor.js';
import { createWasmBackend } from '../bindings/wasm/wasm-backend.js';

const backends: [string, Backend][] = [['cpu', new CpuBackend()], ['wasm', await createWasmBackend()]];

const dim = fc.integer({ min: 1, max: 24 });
const value = fc.float({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });

function floats(n: number) {
  return fc.array(value, { minLength: n, maxLength: n }).map((a) => Float32Array.from(a));
}

describe.each(backends)('properties of the public kernel API on %s', (_name, backend) => {
  test('matmul agrees with a naive product for random shapes, flags and values', () => {
    fc.assert(
      fc.property(
        dim, dim, dim, fc.boolean(), fc.boolean(),
        fc.integer(),
        (m, n, kk, transA, transB, seed) => {
          const a = Float32Array.from({ length: m * kk }, (_, i) => Math.sin(seed + i));
          const b = Float32Array.from({ length: kk * n }, (_, i) => Math.cos(seed - i));
          const at = tensor(a, transA ? [kk, m] : [m, kk], { backend });
          const bt = tensor(b, transB ? [n, kk] : [kk, n], { backend });
          const c = k.matmul(at, bt, { transA, transB });
          const got = c.dataSync();
          for (let i = 0; i < m; i++)
            for (let j = 0; j < n; j++) {
              let want = 0;
              for (let p = 0; p < kk; p++)
                want += (transA ? a[p * m + i] : a[i * kk + p]) * (transB ? b[j * kk + p] : b[p * n + j]);
              expect(Math.abs(got[i * n + j] - want)).toBeLessThan(1e-4 * Math.sqrt(kk) + 1e-5);
            }
          [at, bt, c].forEach((x) => x.dispose());
        },
      ),
      { numRuns: 60 },
    );
  });

  test('4×4 products match wgpu-matrix (column-major) as an independent oracle', () => {
    fc.assert(
      fc.property(floats(16), floats(16), (a, b) => {
        // Row-major A·B equals column-major (Bᵀ·Aᵀ)ᵀ: wgpu-matrix's multiply(b, a) on the same arrays.
        const want = mat4.multiply(b, a);
        const at = tensor(a, [4, 4], { backend }), bt = tensor(b, [4, 4], { backend });
        const c = k.matmul(at, bt);
        const got = c.dataSync();
        for (let i = 0; i < 16; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4);
        [at, bt, c].forEach((x) => x.dispose());
      }),
      { numRuns: 50 },
    );
  });

  test('softmax rows are a distribution and ignore a constant shift', () => {
    fc.assert(
      fc.property(dim, dim, fc.integer(), fc.float({ min: -1000, max: 1000, noNaN: true }), (rows, cols, seed, shift) => {
        const x = Float32Array.from({ length: rows * cols }, (_, i) => 5 * Math.sin(seed * 7 + i));
        const xt = tensor(x, [rows, cols], { backend });
        const shifted = tensor(x.map((v) => v + shift), [rows, cols], { backend });
        const y = k.softmax(xt).dataSync(), ys = k.softmax(shifted).dataSync();
        for (let r = 0; r < rows; r++) {
          let total = 0;
          for (let c = 0; c < cols; c++) {
            const p = y[r * cols + c];
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
            total += p;
            // The shift is exact only up to f32 rounding of x + shift.
            expect(Math.abs(p - ys[r * cols + c])).toBeLessThan(1e-3 * (1 + Math.abs(shift) / 100));
          }
          expect(Math.abs(total - 1)).toBeLessThan(1e-5 * cols);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('cross-entropy is non-negative, finite for huge logits, and its gradient rows sum to zero', () => {
    fc.assert(
      fc.property(dim, fc.integer({ min: 2, max: 30 }), fc.integer(), fc.constantFrom(1, 100, 1e4), (rows, cols, seed, scale) => {
        const x = Float32Array.from({ length: rows * cols }, (_, i) => scale * Math.sin(seed * 3 + i * 1.7));
        const labels = Array.from({ length: rows }, (_, r) => Math.abs(seed + r) % cols);
        const { loss, grad } = k.crossEntropy(tensor(x, [rows, cols], { backend }), labels, { grad: true });
        const l = loss.dataSync(), g = grad!.dataSync();
        for (let r = 0; r < rows; r++) {
          expect(Number.isFinite(l[r])).toBe(true);
          expect(l[r]).toBeGreaterThanOrEqual(-1e-6);
          let total = 0;
          for (let c = 0; c < cols; c++) total += g[r * cols + c];
          expect(Math.abs(total)).toBeLessThan(1e-5);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('dropout keeps x·scale or zero, repeats itself for one seed, and keeps about 1 - p', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.double({ min: 0, max: 0.95, noNaN: true }), fc.nat(), (n, p, seed) => {
        const x = tensor(Float32Array.from({ length: n }, (_, i) => 1 + (i % 7)), [n], { backend });
        const y1 = k.dropout(x, { p, seed }).dataSync(), y2 = k.dropout(x, { p, seed }).dataSync();
        const xs = x.dataSync(), scale = Math.fround(1 / (1 - p));
        let kept = 0;
        for (let i = 0; i < n; i++) {
          expect(y1[i] === 0 || y1[i] === Math.fround(xs[i] * scale)).toBe(true);
          expect(y1[i]).toBe(y2[i]);
          if (y1[i] !== 0) kept++;
        }
        // Binomial: 6 standard deviations.
        expect(Math.abs(kept - n * (1 - p))).toBeLessThanOrEqual(6 * Math.sqrt(n * p * (1 - p)) + 1);
      }),
      { numRuns: 40 },
    );
  });

  test('broadcast add matches an index-by-index loop for random broadcastable shapes', () => {
    const shapePair = fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 })), { minLength: 0, maxLength: 4 });
    fc.assert(
      fc.property(shapePair, (dims) => {
        const out = dims.map(([d]) => d);
        const aShape = dims.map(([d, mode]) => (mode === 1 ? 1 : d));
        const bShape = dims.map(([d, mode]) => (mode === 2 ? 1 : d));
        const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
        const a = Float32Array.from({ length: size(aShape) }, (_, i) => i);
        const b = Float32Array.from({ length: size(bShape) }, (_, i) => 1000 * i);
        const y = k.binary('add', tensor(a, aShape, { backend }), tensor(b, bShape, { backend })).dataSync();
        const index = (shape: number[], idx: number[]) => idx.reduce((acc, v, d) => acc * shape[d] + (shape[d] === 1 ? 0 : v), 0);
        for (let flat = 0; flat < size(out); flat++) {
          const idx: number[] = [];
          let rest = flat;
          for (let d = out.length - 1; d >= 0; d--) {
            idx.unshift(rest % out[d]);
            rest = Math.floor(rest / out[d]);
          }
          expect(y[flat]).toBe(a[index(aShape, idx)] + b[index(bShape, idx)]);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('random invalid shapes throw ShapeError and never anything else', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double()), { maxLength: 4 }), (shape) => {
        try {
          tensor([1, 2, 3, 4, 5, 6], shape, { backend }).dispose();
        } catch (e) {
          expect(e).toBeInstanceOf(ShapeError);
        }
      }),
    );
  });
});
