/**
 * d2l 4.10's k-fold cross-validation against PyTorch and pandas: runs examples/kaggle-house-prices,
 * then kaggle_replay.py (Debian's python3-torch and python3-pandas) preprocesses the same CSV files
 * with pandas, checks that it gets webgrad's feature matrix, and trains each fold from webgrad's
 * initial weights in webgrad's batch order. Prints both runs' fold log-RMSEs; exits 1 when they
 * differ by more than 1e-3.
 *
 * node dist/bench/parity/kaggle-replay.js [--data DIR] [--epochs N] [--lr X] [--python PATH]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CpuBackend } from '../../bindings/cpu/cpu-backend.js';
import { epochPermutation } from '../../bindings/data/dataloader.js';
import { readCsvFile } from '../../bindings/data/node/index.js';
import { getNet, main, preprocess, SHIPPED_DATA_DIR } from '../../examples/kaggle-house-prices.js';

const TORCH_SCRIPT = fileURLToPath(new URL('../../../bench/parity/kaggle_replay.py', import.meta.url));
const TOLERANCE = 1e-3;
const K = 5, BATCH_SIZE = 64, SEED = 0;

const { values } = parseArgs({
  options: { data: { type: 'string' }, epochs: { type: 'string' }, lr: { type: 'string' }, python: { type: 'string' } },
});
const dataDir = values.data ?? SHIPPED_DATA_DIR!;
const epochs = Number(values.epochs ?? 100), lr = Number(values.lr ?? 5);
if (!Number.isInteger(epochs) || epochs < 1 || !(lr > 0)) throw new Error('--epochs must be a positive integer and --lr positive');

const out = mkdtempSync(join(tmpdir(), 'webgrad-kaggle-replay-'));
try {
  const cpu = new CpuBackend();
  const { trainFeatures } = preprocess(readCsvFile(join(dataDir, 'train.csv')), readCsvFile(join(dataDir, 'test.csv')), cpu);
  const [n, inFeatures] = trainFeatures.shape;
  const foldTrain = n - Math.floor(n / K);
  const folds = Array.from({ length: K }, (_, i) => {
    const net = getNet(inFeatures, SEED + i, cpu);
    const [weight, bias] = net.parameters().map((p) => Array.from(p.dataSync()));
    net.dispose();
    const orders = Array.from({ length: epochs }, (_, e) => Array.from(epochPermutation(foldTrain, SEED + i, e)));
    return { weight, bias, orders };
  });
  const webgrad = await main({ dataDir, epochs, lr, seed: SEED, batchSize: BATCH_SIZE, k: K, figuresDir: null,
    submissionPath: join(out, 'submission.csv'), log: () => {} });
  const replayFile = join(out, 'replay.json');
  writeFileSync(replayFile, JSON.stringify({ dataDir, epochs, lr, k: K, batchSize: BATCH_SIZE, features: Array.from(trainFeatures.dataSync()), folds }));

  const python = values.python ?? '/usr/bin/python3';
  const result = spawnSync(python, [TORCH_SCRIPT, replayFile], {
    encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`${python} ${TORCH_SCRIPT} failed (${result.error?.message ?? `exit ${result.status}`})`);
  const torch = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { featureDifference: number; folds: { train: number; valid: number }[] };

  console.log(`${dataDir}: ${n} houses, ${inFeatures} features, ${epochs} epochs, lr ${lr}`);
  console.log(`features: max |webgrad − pandas| = ${torch.featureDifference}`);
  console.log('fold  webgrad train/valid     PyTorch train/valid');
  let worst = torch.featureDifference;
  webgrad.folds.forEach((w, i) => {
    const t = torch.folds[i];
    worst = Math.max(worst, Math.abs(w.train - t.train), Math.abs(w.valid - t.valid));
    console.log(`${i + 1}     ${w.train.toFixed(6)}/${w.valid.toFixed(6)}     ${t.train.toFixed(6)}/${t.valid.toFixed(6)}`);
  });
  console.log(`largest difference ${worst.toExponential(2)} (tolerance ${TOLERANCE})`);
  if (!(worst <= TOLERANCE)) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
