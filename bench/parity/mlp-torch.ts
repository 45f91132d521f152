/**
 * The MLP epoch in PyTorch (Debian's python3-torch with OpenBLAS, one thread): torch_replay.py trains
 * one epoch of the same batches, in the same order, from the same weights, and times its training
 * steps alone. The files it reads are written once, on the first epoch, to a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostBatch } from '../../bindings/data/dataloader.js';
import { encodeSafetensors } from '../../bindings/train/safetensors.js';
import { MLP, concatBatches, type EpochResult, type MlpTrainer, type MlpWeights } from './mlp-trainer.js';
import { pixelsToBytes } from './replay-files.js';
import { replayInTorch } from './torch-replay.js';

function torchVersion(python: string): string {
  const result = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${python} cannot import torch (PyTorch from Debian: apt-get install -y python3-torch python3-numpy)`);
  return result.stdout.trim();
}

/** The epoch's batches as one data file in visiting order, with the identity as the batch order. */
function writeEpoch(dir: string, weights: MlpWeights, batches: readonly HostBatch<Uint8Array>[]): void {
  const { x, y } = concatBatches(batches);
  const n = y.length;
  writeFileSync(join(dir, 'data.safetensors'), encodeSafetensors({
    'train.images': { shape: [n, MLP.inputs], data: pixelsToBytes(x) }, 'train.labels': { shape: [n], data: y },
  }));
  const run = join(dir, 'run');
  mkdirSync(run);
  writeFileSync(join(run, 'weights.safetensors'), encodeSafetensors({
    '0.weight': { shape: [MLP.hidden, MLP.inputs], data: weights.w1 }, '0.bias': { shape: [MLP.hidden], data: weights.b1 },
    '2.weight': { shape: [MLP.classes, MLP.hidden], data: weights.w2 }, '2.bias': { shape: [MLP.classes], data: weights.b2 },
  }, { format: 'pt' }));
  writeFileSync(join(run, 'order.safetensors'), encodeSafetensors(
    { order: { shape: [1, n], data: Int32Array.from({ length: n }, (_, i) => i) } }, { batchSize: String(MLP.batchSize) },
  ));
  writeFileSync(join(run, 'recipe.json'), JSON.stringify({ model: 'mlp', lr: MLP.lr, epochs: 1, batchSize: MLP.batchSize }) + '\n');
}

export function torchMlpTrainer(python: string): MlpTrainer & { dispose(): void } {
  const version = torchVersion(python);
  const dir = mkdtempSync(join(tmpdir(), 'webgrad-torch-epoch-'));
  let written: { weights: MlpWeights; batches: readonly HostBatch<Uint8Array>[] } | null = null;
  return {
    name: 'PyTorch 1thr',
    detail: `torch ${version} (${python}), OpenBLAS, torch.set_num_threads(1); nn.Sequential, optim.SGD, CrossEntropyLoss; a process per epoch, its start not timed`,
    async epoch(weights: MlpWeights, batches: readonly HostBatch<Uint8Array>[]): Promise<EpochResult> {
      if (!written) {
        writeEpoch(dir, weights, batches);
        written = { weights, batches };
      } else if (written.weights !== weights || written.batches !== batches) {
        throw new Error('the PyTorch trainer replays one epoch: pass the same weights and batches each time');
      }
      const [epoch] = replayInTorch(python, join(dir, 'run'), join(dir, 'data.safetensors')).epochs;
      return { seconds: epoch.seconds, meanLoss: epoch.trainLoss };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
