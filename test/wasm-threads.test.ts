/**
 * The wasm backend on 2 and 3 threads: the whole kernel table against the cpu reference, outputs
 * identical bit for bit to one thread's, large products that cross every blocking boundary, and the
 * threads option. minWorkPerThread: 1 makes every kernel with more than one unit of work split, so
 * 3 threads give uneven shares.
 */
import type { MatmulArgs } from '../bindings/backend.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { ValueError } from '../bindings/errors.js';
import * as k from '../bindings/kernels/index.js';
import { tensor } from '../bindings/tensor.js';
import { createWasmBackend, type WasmBackend } from '../bindings/wasm/wasm-backend.js';
import { describeKernelTable, firstMismatch } from './backend-harness.js';
import { KERNEL_CASES, reductionTolerance } from './kernel-cases/index.js';
import { uniform } from './random.js';

const one = await createWasmBackend({ variant: 'simd', threads: 1 });
const two = await createWasmBackend({ variant: 'simd', threads: 2, minWorkPerThread: 1 });
const three = await createWasmBackend({ variant: 'simd', threads: 3, minWorkPerThread: 1 });
afterAll(() => [one, two, three].forEach((b) => b.dispose()));

test('the backends run the thread counts asked, with no fallback', () => {
  expect([one.threads, two.threads, three.threads]).toEqual([1, 2, 3]);
  expect([one.threadsFallbackReason, two.threadsFallbackReason, three.threadsFallbackReason]).toEqual([null, null, null]);
});

describeKernelTable('wasm, 2 threads', () => two);
describeKernelTable('wasm, 3 threads', () => three);

describe('outputs are identical on 1, 2 and 3 threads', () => {
  test.each(KERNEL_CASES.map((c) => [c.name, c] as const))('%s', async (_name, kernelCase) => {
    const want = await kernelCase.run(one);
    for (const backend of [two, three]) {
      const got = await kernelCase.run(backend);
      expect(got.length).toBe(want.length);
      got.forEach((output, o) => {
        const mismatch = firstMismatch(output, want[o], 0);
        if (mismatch) throw new Error(`${backend.threads} threads, output ${o}: ${JSON.stringify(mismatch)}`);
      });
    }
  });
});

/** C = op(A)·op(B) (+ bias) (then ReLU) on a backend, from seeded inputs. */
function product(backend: WasmBackend, m: number, n: number, kk: number, transA: boolean, transB: boolean, batch = 1): Float32Array {
  const a = tensor(uniform(batch * m * kk, m + kk, -1, 1), transA ? [batch, kk, m] : [batch, m, kk], { backend });
  const b = tensor(uniform(batch * kk * n, n + 2 * kk, -1, 1), transB ? [batch, n, kk] : [batch, kk, n], { backend });
  const bias = tensor(uniform(n, n, -1, 1), [n], { backend });
  const c = k.matmul(a, b, { transA, transB, bias, relu: true });
  const out = c.dataSync();
  for (const t of [a, b, bias, c]) t.dispose();
  return out;
}

describe('large products', () => {
  const cpu = new CpuBackend();
  // Two NC blocks of columns with two groups of K; few rows; the transposed route; many small products.
  const shapes: [string, number, number, number, number][] = [
    ['two column blocks, two K groups', 37, 1100, 1300, 1],
    ['few rows, wide', 3, 1200, 200, 1],
    ['narrow n (transposed route)', 600, 10, 100, 1],
    ['a batch of small products', 20, 24, 28, 7],
  ];
  test.each(shapes)('%s: equal on 1, 2, 3 threads and close to the reference', (_name, m, n, kk, batch) => {
    for (const transA of [false, true])
      for (const transB of [false, true]) {
        const want = product(one, m, n, kk, transA, transB, batch);
        expect(firstMismatch(product(two, m, n, kk, transA, transB, batch), want, 0)).toBeNull();
        expect(firstMismatch(product(three, m, n, kk, transA, transB, batch), want, 0)).toBeNull();
        if (batch > 1 || m * n * kk < 3e7) {
          const reference = product(cpu as unknown as WasmBackend, m, n, kk, transA, transB, batch);
          expect(firstMismatch(want, reference, reductionTolerance(kk))).toBeNull();
        }
      }
  });

  test('dropout of 10⁵ elements keeps the same mask on 1 and 3 threads and on the cpu reference', () => {
    const n = 100_003;
    const run = (backend: WasmBackend | CpuBackend) => {
      const x = tensor(new Float32Array(n).fill(1), [n], { backend });
      const y = k.dropout(x, { p: 0.3, seed: 1234, offset: 5 });
      const out = y.dataSync();
      x.dispose();
      y.dispose();
      return out;
    };
    const want = run(cpu);
    expect(firstMismatch(run(one), want, 0)).toBeNull();
    expect(firstMismatch(run(three), want, 0)).toBeNull();
  });
});

describe('the threads option', () => {
  test('a bad count throws ValueError naming createWasmBackend and threads', async () => {
    for (const threads of [0, 1.5, 65, NaN, '2']) {
      await expect(createWasmBackend({ threads: threads as number })).rejects.toThrow(ValueError);
      await expect(createWasmBackend({ threads: threads as number })).rejects.toThrow(/createWasmBackend: threads/);
    }
    await expect(createWasmBackend({ minWorkPerThread: 0 })).rejects.toThrow(/minWorkPerThread/);
  });

  test('by default the backend uses the available cores, up to 8', async () => {
    const { availableParallelism } = await import('node:os');
    const backend = await createWasmBackend();
    try {
      expect(backend.threads).toBe(Math.min(availableParallelism(), 8));
      expect(backend.threadsFallbackReason).toBeNull();
    } finally {
      backend.dispose();
    }
  });

  test('without cross-origin isolation the backend runs one thread and says why', async () => {
    const scope = globalThis as { crossOriginIsolated?: boolean };
    scope.crossOriginIsolated = false;
    try {
      const backend = await createWasmBackend({ threads: 4 });
      expect(backend.threads).toBe(1);
      expect(backend.threadsFallbackReason).toMatch(/cross-origin isolated/);
      const x = tensor([1, -2, 3], [3], { backend });
      expect(Array.from(k.unary('relu', x).dataSync())).toEqual([1, 0, 3]);
      backend.dispose();
    } finally {
      delete scope.crossOriginIsolated;
    }
  });

  test('a matmul whose batch is small still splits across threads and matches one thread', () => {
    const args: MatmulArgs = { m: 8, n: 8, k: 8, transA: false, transB: false, bias: null, relu: false, batch: 5, aBatchStride: 64, bBatchStride: 0 };
    const run = (backend: WasmBackend) => {
      const a = backend.alloc(5 * 64), b = backend.alloc(64), c = backend.alloc(5 * 64);
      backend.write(a, uniform(5 * 64, 3, -1, 1));
      backend.write(b, uniform(64, 4, -1, 1));
      backend.matmul(a, b, c, args);
      const out = backend.readSync(c);
      for (const s of [a, b, c]) backend.free(s);
      return out;
    };
    expect(firstMismatch(run(three), run(one), 0)).toBeNull();
  });
});

describe('splits along every axis', () => {
  /** Runs fn on the 1- and 3-thread backends with the same inputs and expects identical outputs. */
  function same(fn: (backend: WasmBackend) => Float32Array): void {
    expect(firstMismatch(fn(three), fn(one), 0)).toBeNull();
  }
  const values = (backend: WasmBackend, shape: number[], seed: number) =>
    tensor(uniform(shape.reduce((p, d) => p * d, 1), seed, -3, 3), shape, { backend });
  const read = (...tensors: ReturnType<typeof tensor>[]) => {
    const out = tensors[tensors.length - 1].dataSync();
    for (const t of tensors) t.dispose();
    return out;
  };

  test.each([[1], [2], [5]])('gather and indexSelect with %i outer positions', (outer) => {
    same((backend) => {
      const x = values(backend, [outer, 7, 3], 1);
      const index = tensor(Array.from({ length: outer * 40 * 3 }, (_, i) => (i * 5) % 7), [outer, 40, 3], { backend });
      return read(x, index, k.gather(x, 1, index));
    });
  });

  test.each([[[1, 300, 50], 1], [[2, 300, 50], 1], [[300, 2, 1], 0], [[5, 64, 3], 2]] as const)(
    'sum and argmax of %j along axis %i', (shape, axis) => {
      same((backend) => {
        const x = values(backend, [...shape], 2);
        return read(x, k.sum(x, axis));
      });
      same((backend) => {
        const x = values(backend, [...shape], 3);
        return read(x, k.argmax(x, axis));
      });
    });
});
