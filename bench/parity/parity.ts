/**
 * Parity with PyTorch (`npm run bench -- parity`): trains d2l's softmax regression and MLP
 * on Fashion-MNIST with webgrad (wasm backend) and replays the same run in PyTorch
 * (torch_replay.py, Debian's python3-torch, one thread) from the same initial weights and batch
 * order, then compares each epoch's mean training loss and the final test accuracy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataLoader } from '../../bindings/data/dataloader.js';
import { loadFashionMnist } from '../../bindings/data/node/index.js';
import { SGD } from '../../bindings/optim/index.js';
import { fit, type EpochMetrics } from '../../bindings/train/fit.js';
import { d2lModel } from '../../bindings/train/models.js';
import { createWasmBackend } from '../../bindings/wasm/wasm-backend.js';
import { machineInfo, machineLine } from '../machine.js';
import { parseParityArgs, PARITY_USAGE } from './args.js';
import { compareRuns, formatComparison, type ReplayEpoch, type Comparison } from './compare.js';
import { writeDataFile, writeRunFiles, type Recipe } from './replay-files.js';
import { replayInTorch } from './torch-replay.js';

const SEED = 0;

/** Returns false when a recipe misses the parity criteria. */
export async function runParity(argv: readonly string[]): Promise<boolean> {
  const args = parseParityArgs(argv);
  if (args.help) {
    console.log(PARITY_USAGE);
    return true;
  }
  mkdirSync(args.out, { recursive: true });
  const backend = await createWasmBackend({ threads: args.threads });
  const { train, test } = loadFashionMnist({ onProgress: (m) => process.stderr.write(`${m}\n`) });
  const dataPath = join(args.out, 'fashion-mnist.safetensors');
  writeDataFile(dataPath, train, test);

  const comparisons: Comparison[] = [];
  for (const name of args.models) {
    const recipe: Recipe = { model: name, lr: 0.1, epochs: args.epochs, batchSize: 256 };
    const runDir = join(args.out, name);
    const model = d2lModel(name, { backend, seed: SEED });
    const loader = new DataLoader(train, { batchSize: recipe.batchSize, seed: SEED });
    await writeRunFiles(runDir, recipe, model.namedParameters(), loader);

    process.stderr.write(`webgrad (wasm, ${backend.threads} thread(s)): ${name}, ${recipe.epochs} epochs\n`);
    const { history } = await fit(model, {
      trainData: train, testData: test, epochs: recipe.epochs, batchSize: recipe.batchSize,
      optimizer: new SGD(model.parameters(), { lr: recipe.lr }), seed: SEED, progress: process.stderr, label: name,
    });
    model.dispose();

    process.stderr.write(`PyTorch: ${name}, same weights and batches\n`);
    const torch = replayInTorch(args.python, runDir, dataPath);
    const webgrad: ReplayEpoch[] = history.map((m: EpochMetrics) => ({
      epoch: m.epoch, trainLoss: m.trainLoss, testAccuracy: m.testAccuracy ?? NaN, seconds: m.trainSeconds,
    }));
    comparisons.push(compareRuns(recipe, webgrad, torch.epochs, `torch ${torch.torch}`));
  }

  const machine = machineInfo();
  console.log(`parity with PyTorch — ${machineLine(machine)}; webgrad wasm ${backend.threads} thread(s), PyTorch 1 thread; epoch times are the training steps alone on both sides (the test-set evaluation left out)\n`);
  for (const c of comparisons) console.log(formatComparison(c) + '\n');
  writeFileSync(join(args.out, 'parity.json'), JSON.stringify({ machine, comparisons }, null, 2) + '\n');
  console.log(`wrote ${join(args.out, 'parity.json')}`);
  backend.dispose();
  return comparisons.every((c) => c.pass);
}
