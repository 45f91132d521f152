/**
 * WebGPU checks that run inside Deno and Chromium (no Node, no jest): a matmul, a softmax
 * cross-entropy and one training step on the runtime's own WebGPU, each compared with the cpu
 * reference. Returns plain JSON for the jest test that launched the runtime to assert on.
 */
import { BackendError, CpuBackend, createWebGPUBackend, kernels as k, tensor } from '../../bindings/index.js';
import type { Backend, Tensor, WebGPUBackend } from '../../bindings/index.js';

export interface Comparison {
  maxError: number;
  tolerance: number;
}

export type SmokeResult =
  | { unavailable: string }
  | {
      adapter: string;
      matmul: Comparison;
      crossEntropyLoss: Comparison;
      crossEntropyGrad: Comparison;
      trainingStepParams: Comparison;
      trainingStepLoss: Comparison;
      readbacksDuringStep: number;
    };

function seeded(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 4294967296 * 2 - 1;
  }
  return out;
}

function maxError(got: Float32Array, want: Float32Array): number {
  if (got.length !== want.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const error = Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i]));
    worst = Number.isNaN(error) ? Infinity : Math.max(worst, error);
  }
  return worst;
}

async function compare(gpu: Tensor, cpu: Tensor, tolerance: number): Promise<Comparison> {
  return { maxError: maxError(await gpu.data(), await cpu.data()), tolerance };
}

function matmulCase(backend: Backend): Tensor {
  const a = tensor(seeded(37 * 129, 1), [37, 129], { backend });
  const b = tensor(seeded(129 * 65, 2), [129, 65], { backend });
  const bias = tensor(seeded(65, 3), [65], { backend });
  return k.matmul(a, b, { bias, relu: true });
}

const LABELS = Array.from({ length: 19 }, (_, i) => (i * 7) % 10);

function crossEntropyCase(backend: Backend) {
  const logits = tensor(seeded(19 * 10, 4).map((v) => v * 20), [19, 10], { backend });
  return k.crossEntropy(logits, LABELS, { grad: true });
}

/** One SGD step of a linear softmax classifier: returns the updated weights and the loss before. */
function trainingStep(backend: Backend): { w: Tensor; b: Tensor; loss: Tensor } {
  const x = tensor(seeded(19 * 24, 5), [19, 24], { backend });
  const w = tensor(seeded(24 * 10, 6).map((v) => v * 0.1), [24, 10], { backend });
  const b = tensor(new Float32Array(10), [10], { backend });
  const logits = k.matmul(x, w, { bias: b });
  const { loss, grad } = k.crossEntropy(logits, LABELS, { grad: true });
  const dw = k.matmul(x, grad!, { transA: true });
  const db = k.sum(grad!, 0);
  k.sgdUpdate(w, dw, null, { lr: 0.1 });
  k.sgdUpdate(b, db, null, { lr: 0.1 });
  return { w, b, loss };
}

export async function runSmokeChecks(): Promise<SmokeResult> {
  let gpu: WebGPUBackend;
  try {
    gpu = await createWebGPUBackend();
  } catch (error) {
    if (error instanceof BackendError) return { unavailable: error.message };
    throw error;
  }
  const cpu = new CpuBackend();
  try {
    const matmul = await compare(matmulCase(gpu), matmulCase(cpu), 1e-4);
    const ceGpu = crossEntropyCase(gpu), ceCpu = crossEntropyCase(cpu);
    const crossEntropyLoss = await compare(ceGpu.loss, ceCpu.loss, 1e-4);
    const crossEntropyGrad = await compare(ceGpu.grad!, ceCpu.grad!, 1e-4);
    const readsBefore = gpu.readbackCount;
    const stepGpu = trainingStep(gpu);
    const readbacksDuringStep = gpu.readbackCount - readsBefore;
    const stepCpu = trainingStep(cpu);
    const wError = await compare(stepGpu.w, stepCpu.w, 1e-5);
    const bError = await compare(stepGpu.b, stepCpu.b, 1e-5);
    return {
      adapter: gpu.adapterDescription,
      matmul, crossEntropyLoss, crossEntropyGrad,
      trainingStepParams: { maxError: Math.max(wError.maxError, bError.maxError), tolerance: 1e-5 },
      trainingStepLoss: await compare(stepGpu.loss, stepCpu.loss, 1e-4),
      readbacksDuringStep,
    };
  } finally {
    gpu.dispose();
  }
}
