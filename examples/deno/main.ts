/**
 * d2l's MLP (784 → 256 → ReLU → 10) trained on Fashion-MNIST in Deno: on WebGPU when Deno has an
 * adapter, else on wasm. `deno task train` (see deno.json); flags:
 *   --backend auto|webgpu|wasm  --epochs 10  --batch-size 256  --lr 0.1
 *   --limit N (training images per class)  --test-limit N  --out weights.safetensors
 */
import { parseArgs } from 'node:util';
import {
  BackendError, Linear, ReLU, SGD, Sequential, createWasmBackend, createWebGPUBackend, encodeWeights, fit, init,
  type Backend,
} from 'webgrad';
import { loadFashionMnist } from 'webgrad/node';

declare const Deno: {
  args: string[];
  writeFile(path: string, data: Uint8Array): Promise<void>;
  exit(code: number): never;
};

function number(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!(value > 0) || !Number.isFinite(value)) {
    console.error(`--${name} must be a positive number, got '${raw}'`);
    Deno.exit(2);
  }
  return value;
}

/** WebGPU when asked for or when an adapter is there, else wasm; says which and why. */
async function chooseBackend(wanted: string): Promise<{ backend: Backend; label: string }> {
  if (wanted !== 'wasm') {
    try {
      const gpu = await createWebGPUBackend();
      return { backend: gpu, label: `WebGPU (${gpu.adapterDescription})` };
    } catch (error) {
      if (wanted === 'webgpu' || !(error instanceof BackendError)) throw error;
      console.log(`WebGPU is not available here: ${error.message}`);
    }
  }
  const wasm = await createWasmBackend();
  const threads = (wasm as { threads?: number }).threads ?? 1;
  return { backend: wasm, label: `wasm (${wasm.variant}, ${threads} thread${threads === 1 ? '' : 's'})` };
}

const { values } = parseArgs({
  args: Deno.args,
  options: {
    backend: { type: 'string', default: 'auto' },
    epochs: { type: 'string' }, 'batch-size': { type: 'string' }, lr: { type: 'string' },
    limit: { type: 'string' }, 'test-limit': { type: 'string' }, out: { type: 'string' },
  },
});
if (!['auto', 'webgpu', 'wasm'].includes(values.backend!)) {
  console.error(`--backend must be auto, webgpu or wasm, got '${values.backend}'`);
  Deno.exit(2);
}
const epochs = number('epochs', values.epochs, 10);
const batchSize = number('batch-size', values['batch-size'], 256);
const lr = number('lr', values.lr, 0.1);
const images = loadFashionMnist({
  trainPerClass: values.limit === undefined ? undefined : number('limit', values.limit, 6000),
  testPerClass: values['test-limit'] === undefined ? undefined : number('test-limit', values['test-limit'], 1000),
});

const { backend, label } = await chooseBackend(values.backend!);
console.log(`Training on ${label}: ${images.train.length} training images, ${images.test.length} test images`);
const layer = { backend, seed: 0, init: { weight: init.normal(0.01), bias: init.zeros() } };
const model = new Sequential(new Linear(784, 256, layer), new ReLU(), new Linear(256, 10, layer));
await fit(model, {
  trainData: images.train, testData: images.test, epochs, batchSize, optimizer: new SGD(model.parameters(), { lr }),
  onEpoch: (m) => {
    const rate = Math.round(images.train.length / m.seconds);
    console.log(
      `epoch ${m.epoch}: loss ${m.trainLoss.toFixed(4)}, train acc ${(100 * m.trainAccuracy!).toFixed(1)} %, ` +
        `test acc ${(100 * m.testAccuracy!).toFixed(1)} %, ${rate} images/s`,
    );
  },
});
if (values.out) {
  await Deno.writeFile(values.out, await encodeWeights(model.namedParameters(), { dataset: 'fashion-mnist' }));
  console.log(`weights: ${values.out} (safetensors, loadable by PyTorch)`);
}
model.dispose();
backend.dispose();
