/**
 * WebGPU against wasm on the real MLP (`npm run bench -- webgpu-steps`): d2l's MLP 784→256→10 on
 * Fashion-MNIST, the same seed, weights and batches, trained for 50 SGD steps on each backend; the
 * loss of every step must agree within 1e-4 relative (issue 4). Needs a WebGPU adapter (on a
 * machine without a GPU: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json).
 */
import type { Backend } from '../../bindings/backend.js';
import { backward, softmaxCrossEntropy } from '../../bindings/autograd/index.js';
import { DataLoader } from '../../bindings/data/dataloader.js';
import { loadFashionMnist } from '../../bindings/data/node/index.js';
import { SGD } from '../../bindings/optim/index.js';
import { tensor, tidy } from '../../bindings/tensor.js';
import { d2lModel } from '../../bindings/train/models.js';
import { createWasmBackend } from '../../bindings/wasm/wasm-backend.js';
import { createWebGPUBackend } from '../../bindings/webgpu/index.js';
import { installNodeWebGPU } from '../webgpu-env.js';

const STEPS = 50;
const TOLERANCE = 1e-4;

async function stepLosses(backend: Backend, loader: DataLoader, steps: number): Promise<number[]> {
  const model = d2lModel('mlp', { backend, seed: 0 });
  const optimizer = new SGD(model.parameters(), { lr: 0.1 });
  const losses: number[] = [];
  for (const batch of loader.batches(0)) {
    if (losses.length === steps) break;
    const loss = tidy(() => {
      const l = softmaxCrossEntropy(model.forward(tensor(batch.x, batch.xShape, { backend })), batch.y);
      optimizer.zeroGrad();
      backward(l);
      optimizer.step();
      return l;
    });
    losses.push((await loss.data())[0]);
    loss.dispose();
  }
  model.dispose();
  return losses;
}

/** Returns false when a step's loss differs by more than the tolerance. */
export async function runWebGPUSteps(argv: readonly string[]): Promise<boolean> {
  const steps = argv[0] === '--steps' ? Number(argv[1]) : STEPS;
  if (!Number.isInteger(steps) || steps < 1) throw new Error('usage: npm run bench -- webgpu-steps [--steps N]');
  const { gpu, adapterInfo } = await installNodeWebGPU();
  const { train } = loadFashionMnist();
  const loader = new DataLoader(train, { batchSize: 256, seed: 0 });
  const wasm = await createWasmBackend();
  const webgpu = await createWebGPUBackend({ gpu });
  const started = performance.now();
  const reference = await stepLosses(wasm, loader, steps);
  const wasmSeconds = (performance.now() - started) / 1000;
  const gpuStarted = performance.now();
  const losses = await stepLosses(webgpu, loader, steps);
  const gpuSeconds = (performance.now() - gpuStarted) / 1000;
  const differences = losses.map((l, i) => Math.abs(l - reference[i]) / Math.abs(reference[i]));
  const worst = Math.max(...differences);
  const worstStep = differences.indexOf(worst) + 1;

  console.log(`MLP 784→256→10 on Fashion-MNIST, batch 256, lr 0.1, seed 0: ${steps} steps on wasm and on WebGPU (${adapterInfo})\n`);
  console.log('| step | wasm loss | webgpu loss | relative difference |');
  console.log('|---:|---:|---:|---:|');
  for (const i of [...new Set([0, 1, 9, 19, 29, 39, steps - 1, worstStep - 1])].filter((i) => i < steps).sort((a, b) => a - b))
    console.log(`| ${i + 1} | ${reference[i].toFixed(6)} | ${losses[i].toFixed(6)} | ${differences[i].toExponential(2)} |`);
  const pass = worst <= TOLERANCE;
  console.log(`\nworst relative difference ${worst.toExponential(2)} at step ${worstStep} (limit ${TOLERANCE}): ${pass ? 'PASS' : 'FAIL'}`);
  console.log(`time: wasm ${wasmSeconds.toFixed(1)} s, webgpu ${gpuSeconds.toFixed(1)} s for ${steps} steps (one loss readback per step)`);
  webgpu.dispose();
  wasm.dispose();
  return pass;
}
