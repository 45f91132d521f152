/**
 * Seconds per MLP epoch (`npm run bench -- epoch-time`): webgrad wasm, tfjs-backend-wasm
 * and jax-js (wasm, jit) train the same model from the same initial weights over the same
 * batches (Fashion-MNIST, 60,000 images, batch 256), one thread each, in one process; each run
 * times one epoch per framework, interleaved, and the median over runs is reported.
 */
import { writeFileSync } from 'node:fs';
import { DataLoader, type HostBatch } from '../../bindings/data/dataloader.js';
import { loadFashionMnist } from '../../bindings/data/node/index.js';
import { d2lModel } from '../../bindings/train/models.js';
import { createWasmBackend } from '../../bindings/wasm/wasm-backend.js';
import { machineInfo, machineLine } from '../machine.js';
import { median } from '../timing.js';
import { jaxMlpTrainer } from './mlp-jax.js';
import { MLP, type MlpTrainer, type MlpWeights } from './mlp-trainer.js';
import { tfjsMlpTrainer } from './mlp-tfjs.js';
import { webgradMlpTrainer } from './mlp-webgrad.js';

const USAGE = `usage: npm run bench -- epoch-time [--runs N] [--frameworks webgrad,tfjs,jax] [--json FILE]`;

function parse(argv: readonly string[]): { runs: number; frameworks: string[]; json: string | null } {
  const out = { runs: 3, frameworks: ['webgrad', 'tfjs', 'jax'], json: null as string | null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i], v = argv[i + 1];
    if (flag === '--runs' && Number.isInteger(Number(v)) && Number(v) > 0) out.runs = Number(argv[++i]);
    else if (flag === '--frameworks' && v) out.frameworks = argv[++i].split(',');
    else if (flag === '--json' && v) out.json = argv[++i];
    else throw new Error(`bad option ${flag}\n${USAGE}`);
  }
  return out;
}

export async function runMlpEpochTime(argv: readonly string[]): Promise<void> {
  const args = parse(argv);
  const backend = await createWasmBackend();
  const { train } = loadFashionMnist();
  const batches: HostBatch<Uint8Array>[] = [...new DataLoader(train, { batchSize: MLP.batchSize, seed: 0 }).batches(0)];

  const model = d2lModel('mlp', { backend, seed: 0 });
  const named = Object.fromEntries(model.namedParameters().map(([name, p]) => [name, p.dataSync()]));
  const weights: MlpWeights = { w1: named['0.weight'], b1: named['0.bias'], w2: named['2.weight'], b2: named['2.bias'] };
  model.dispose();

  const trainers: MlpTrainer[] = [];
  if (args.frameworks.includes('webgrad')) trainers.push(webgradMlpTrainer(backend));
  if (args.frameworks.includes('tfjs')) trainers.push(await tfjsMlpTrainer());
  if (args.frameworks.includes('jax')) trainers.push(await jaxMlpTrainer());

  const machine = machineInfo();
  console.log(`MLP epoch time — ${machineLine(machine)}`);
  for (const t of trainers) console.log(`${t.name}: ${t.detail}`);
  const results = new Map<string, { seconds: number[]; loss: number[] }>(trainers.map((t) => [t.name, { seconds: [], loss: [] }]));
  for (let run = 1; run <= args.runs; run++)
    for (const t of trainers) {
      const r = await t.epoch(weights, batches);
      results.get(t.name)!.seconds.push(r.seconds);
      results.get(t.name)!.loss.push(r.meanLoss);
      process.stderr.write(`  run ${run}/${args.runs}  ${t.name.padEnd(12)} ${r.seconds.toFixed(2)} s  mean loss ${r.meanLoss.toFixed(6)}\n`);
    }

  const webgrad = results.get(`webgrad ${backend.name}`);
  const webgradSeconds = webgrad ? median(webgrad.seconds) : null;
  console.log(`\n${batches.length} steps of batch ${MLP.batchSize} over ${train.length} images; median of ${args.runs} run(s)\n`);
  console.log('| framework | s / epoch | runs (s) | epoch-1 mean loss | webgrad speed-up |');
  console.log('|---|---:|---|---:|---:|');
  const rows = trainers.map((t) => {
    const r = results.get(t.name)!;
    const s = median(r.seconds);
    const speedUp = webgradSeconds ? `${(s / webgradSeconds).toFixed(2)}×` : '–';
    console.log(`| ${t.name} | ${s.toFixed(2)} | ${r.seconds.map((v) => v.toFixed(2)).join(', ')} | ${r.loss[0].toFixed(6)} | ${speedUp} |`);
    return { framework: t.name, detail: t.detail, medianSeconds: s, seconds: r.seconds, meanLoss: r.loss };
  });
  if (args.json) writeFileSync(args.json, JSON.stringify({ machine, steps: batches.length, rows }, null, 2) + '\n');
  backend.dispose();
}
