/**
 * The kernel suite of the benchmark page: matmul shapes, softmax, cross-entropy (with its gradient)
 * and one training step of the d2l MLP, each set up on a backend with seeded inputs. `quick` takes
 * small shapes, for a check that everything runs rather than for figures.
 */
import {
  Linear, ReLU, SGD, Sequential, crossEntropy, kernels, tensor, tidy, type Backend, type Tensor,
} from 'webgrad';

/** What one call of a case computes, to turn its time into a throughput. */
export type Work = { unit: 'GFLOP/s'; flops: number } | { unit: 'GB/s'; bytes: number } | { unit: 'images/s'; images: number };

export interface BenchCase {
  /** Family of the case (matmul, softmax, ...). */
  kind: string;
  /** Shape in words: "512×512 · 512×512". */
  shape: string;
  /** For matmul n³: n (the chart's x). */
  n?: number;
  work: Work;
  /** Makes the inputs on `backend`; run() does one call and returns the tensors it made (the last is read). */
  setup(backend: Backend): { run(): Tensor[]; dispose(): void };
}

/** Values in [-1, 1) from a linear congruential generator: the same inputs on every backend and run. */
function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

const labelsFor = (rows: number, classes: number) => Uint8Array.from({ length: rows }, (_, i) => (i * 7) % classes);

function matmulCase(m: number, k: number, n: number, square: boolean): BenchCase {
  return {
    kind: 'matmul', shape: `${m}×${k} · ${k}×${n}`, n: square ? n : undefined, work: { unit: 'GFLOP/s', flops: 2 * m * k * n },
    setup(backend) {
      const a = tensor(seeded(m * k, 1), [m, k], { backend }), b = tensor(seeded(k * n, 2), [k, n], { backend });
      return { run: () => [kernels.matmul(a, b)], dispose: () => { a.dispose(); b.dispose(); } };
    },
  };
}

function softmaxCase(rows: number, cols: number): BenchCase {
  return {
    kind: 'softmax', shape: `${rows}×${cols}`, work: { unit: 'GB/s', bytes: 2 * rows * cols * 4 },
    setup(backend) {
      const x = tensor(seeded(rows * cols, 3).map((v) => v * 8), [rows, cols], { backend });
      return { run: () => [kernels.softmax(x, 1)], dispose: () => x.dispose() };
    },
  };
}

function crossEntropyCase(rows: number, cols: number): BenchCase {
  return {
    kind: 'cross-entropy + gradient', shape: `${rows}×${cols}`, work: { unit: 'GB/s', bytes: 2 * rows * cols * 4 },
    setup(backend) {
      const x = tensor(seeded(rows * cols, 4).map((v) => v * 8), [rows, cols], { backend });
      const labels = labelsFor(rows, cols);
      return {
        run: () => {
          const { loss, grad } = kernels.crossEntropy(x, labels, { grad: true });
          return [loss, grad!];
        },
        dispose: () => x.dispose(),
      };
    },
  };
}

function mlpStepCase(batch: number): BenchCase {
  return {
    kind: 'MLP training step', shape: `batch ${batch}, 784-256-10`, work: { unit: 'images/s', images: batch },
    setup(backend) {
      const model = new Sequential(new Linear(784, 256, { backend, seed: 5 }), new ReLU(), new Linear(256, 10, { backend, seed: 6 }));
      const optimizer = new SGD(model.parameters(), { lr: 0.01 });
      const x = tensor(seeded(batch * 784, 7).map((v) => (v + 1) / 2), [batch, 784], { backend });
      const labels = labelsFor(batch, 10);
      return {
        run: () => [tidy(() => {
          const loss = crossEntropy(model.forward(x), labels);
          optimizer.zeroGrad();
          loss.backward();
          optimizer.step();
          return loss;
        })],
        dispose: () => { model.dispose(); x.dispose(); },
      };
    },
  };
}

/** The cases, small (`quick`) or full size. */
export function benchCases(quick: boolean): BenchCase[] {
  const sizes = quick ? [32, 64, 128] : [64, 128, 256, 512, 1024];
  const batch = quick ? 32 : 256;
  const rows = quick ? 64 : 1024, cols = quick ? 100 : 1000;
  return [
    ...sizes.map((n) => matmulCase(n, n, n, true)),
    matmulCase(batch, 784, 256, false),
    softmaxCase(rows, cols),
    crossEntropyCase(rows, cols),
    mlpStepCase(batch),
  ];
}
