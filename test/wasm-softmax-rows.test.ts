/**
 * Softmax, log-softmax and cross-entropy rows that take the wasm kernels' less common paths: every
 * tail length, rows spanning more than the exp cutoff (87) or ending near it, -inf entries and
 * large logits, checked against the cpu reference; NaN rows and rows with invalid labels stay NaN
 * without touching their neighbours.
 */
import type { Backend } from '../bindings/backend.js';
import * as k from '../bindings/kernels/index.js';
import { tensor, type Tensor } from '../bindings/tensor.js';
import { createWasmBackend } from '../bindings/wasm/wasm-backend.js';
import { relaxedSimdSupported } from '../bindings/wasm/wasm-module.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { describeKernelTable, firstMismatch } from './backend-harness.js';
import { reductionTolerance, type KernelCase } from './kernel-cases/index.js';
import { labels, uniform } from './random.js';

/** One row per kind of range the kernels treat differently. */
function awkwardRows(cols: number, seed: number): Float32Array[] {
  const row = (lo: number, hi: number, salt: number) => uniform(cols, seed * 31 + salt, lo, hi);
  const nearCutoff = row(-87.6, -86.8, 3);
  nearCutoff[cols >> 1] = 0;
  const farBelow = row(-268, -262, 4);
  farBelow[0] = 0;
  const withNegInf = row(-5, 5, 5).map((v, i) => (i % 3 === 1 ? -Infinity : v));
  // Logits whose f32 spacing is 2: log-softmax must subtract the max before the log of the sum.
  const large = row(3e7 - 64, 3e7 + 64, 6);
  return [row(-8, 8, 1), row(-200, 50, 2), nearCutoff, farBelow, withNegInf, large];
}

function rowsTensor(backend: Backend, cols: number, seed: number): Tensor {
  const rows = awkwardRows(cols, seed);
  const data = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => data.set(r, i * cols));
  return tensor(data, [rows.length, cols], { backend });
}

async function read(...ts: (Tensor | null)[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const t of ts) {
    if (!t) continue;
    out.push(await t.data());
    t.dispose();
  }
  return out;
}

const COLS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 33, 1000, 1003];

function cases(): KernelCase[] {
  const out: KernelCase[] = [];
  for (const cols of COLS) {
    const tolerance = reductionTolerance(cols);
    for (const log of [false, true])
      out.push({
        name: `${log ? 'logSoftmax' : 'softmax'} awkward rows, ${cols} columns`,
        tolerance,
        async run(backend) {
          const x = rowsTensor(backend, cols, cols);
          const y = log ? k.logSoftmax(x) : k.softmax(x);
          x.dispose();
          return read(y);
        },
      });
    for (const grad of [false, true])
      out.push({
        name: `crossEntropy${grad ? ' loss+grad' : ' loss'} awkward rows, ${cols} columns`,
        tolerance,
        async run(backend) {
          const x = rowsTensor(backend, cols, cols + 100);
          const { loss, grad: g } = k.crossEntropy(x, labels(x.shape[0], cols, cols), { grad });
          x.dispose();
          return read(loss, g);
        },
      });
  }
  return out;
}

const variants = relaxedSimdSupported() ? (['simd', 'relaxed-simd'] as const) : (['simd'] as const);
for (const variant of variants) {
  const backend = await createWasmBackend({ variant });
  describeKernelTable(`wasm (${variant}) softmax rows`, () => backend, cases());

  test(`${variant}: a NaN makes its own row NaN and leaves the others alone`, () => {
    const cols = 1003;
    const data = uniform(3 * cols, 7, -4, 4);
    data[cols + 500] = NaN;
    const x = tensor(data, [3, cols], { backend });
    for (const y of [k.softmax(x), k.logSoftmax(x)]) {
      const v = y.dataSync();
      y.dispose();
      expect(v.subarray(cols, 2 * cols).every(Number.isNaN)).toBe(true);
      for (const r of [0, 2]) expect(v.subarray(r * cols, (r + 1) * cols).some(Number.isNaN)).toBe(false);
    }
    x.dispose();
  });

  test(`${variant}: cross-entropy rows with a label that is not a class are NaN, the others match the cpu reference`, () => {
    const rows = 4, cols = 1003;
    const x = backend.alloc(rows * cols), lab = backend.alloc(rows), loss = backend.alloc(rows), grad = backend.alloc(rows * cols);
    const data = uniform(rows * cols, 9, -4, 4), labelValues = new Float32Array([3, 2.5, cols, 7]);
    backend.write(x, data);
    backend.write(lab, labelValues);
    backend.crossEntropy(x, lab, loss, grad, rows, cols, 0.25);
    const reference = new CpuBackend();
    const rx = reference.alloc(rows * cols), rl = reference.alloc(rows), rLoss = reference.alloc(rows), rGrad = reference.alloc(rows * cols);
    reference.write(rx, data);
    reference.write(rl, labelValues);
    reference.crossEntropy(rx, rl, rLoss, rGrad, rows, cols, 0.25);
    const got = [backend.readSync(loss), backend.readSync(grad)], want = [reference.readSync(rLoss), reference.readSync(rGrad)];
    for (const r of [1, 2]) {
      expect(Number.isNaN(got[0][r])).toBe(true);
      expect(got[1].subarray(r * cols, (r + 1) * cols).every(Number.isNaN)).toBe(true);
    }
    for (const r of [0, 3]) {
      expect(firstMismatch(got[0].subarray(r, r + 1), want[0].subarray(r, r + 1), reductionTolerance(cols))).toBeNull();
      expect(firstMismatch(got[1].subarray(r * cols, (r + 1) * cols), want[1].subarray(r * cols, (r + 1) * cols), reductionTolerance(cols))).toBeNull();
    }
    for (const s of [x, lab, loss, grad]) backend.free(s);
  });
}
