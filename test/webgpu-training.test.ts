/**
 * The d2l MLP on WebGPU step by step: its loss after each of the first 50 SGD steps matches the wasm
 * backend's for the same seed and batches, and 100 training steps read nothing back from the GPU.
 */
import type { Backend } from '../bindings/backend.js';
import { DataLoader } from '../bindings/data/dataloader.js';
import { loadFashionMnist } from '../bindings/data/node/image-packages.js';
import { softmaxCrossEntropy } from '../bindings/autograd/index.js';
import { SGD } from '../bindings/optim/index.js';
import { tensor, tidy, type Tensor } from '../bindings/tensor.js';
import { d2lModel } from '../bindings/train/models.js';
import { createWasmBackend } from '../bindings/wasm/wasm-backend.js';
import { describeWebGPU } from './webgpu-node-device.js';

const STEPS = 100, COMPARED = 50;
const images = loadFashionMnist({ trainPerClass: 64, testPerClass: 1 }).train;

/** Runs STEPS steps of the MLP recipe (lr 0.1) on `backend`; returns each step's loss tensor, unread. */
function train(backend: Backend): Tensor[] {
  const model = d2lModel('mlp', { backend, seed: 7 });
  const optimizer = new SGD(model.parameters(), { lr: 0.1 });
  const loader = new DataLoader(images, { batchSize: 64, seed: 3 });
  const losses: Tensor[] = [];
  for (let epoch = 0; losses.length < STEPS; epoch++)
    for (const batch of loader.batches(epoch)) {
      if (losses.length === STEPS) break;
      const loss = tidy(() => softmaxCrossEntropy(model.forward(tensor(batch.x, batch.xShape, { backend })), batch.y));
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
      losses.push(loss.detach().keep());
      loss.dispose();
    }
  return losses;
}

async function values(losses: Tensor[]): Promise<number[]> {
  const out: number[] = [];
  for (const loss of losses) {
    out.push((await loss.data())[0]);
    loss.dispose();
  }
  return out;
}

describeWebGPU('the MLP trained on WebGPU', (webgpu) => {
  test(`matches the wasm backend's loss at each of the first ${COMPARED} steps and reads nothing back in ${STEPS}`, async () => {
    const backend = webgpu();
    const readsBefore = backend.readbackCount;
    const gpuLosses = train(backend);
    expect(backend.readbackCount).toBe(readsBefore);
    const gpu = await values(gpuLosses);

    const wasmBackend = await createWasmBackend();
    const wasm = await values(train(wasmBackend));
    wasmBackend.dispose();

    expect(gpu).toHaveLength(STEPS);
    for (let step = 0; step < COMPARED; step++) {
      const relative = Math.abs(gpu[step] - wasm[step]) / Math.abs(wasm[step]);
      if (!(relative <= 1e-4))
        throw new Error(`step ${step}: WebGPU loss ${gpu[step]}, wasm ${wasm[step]} (relative ${relative})`);
    }
    expect(gpu[STEPS - 1]).toBeLessThan(gpu[0]);
  });
});
