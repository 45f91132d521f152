/**
 * Seconds per MLP epoch (`npm run bench -- epoch-time`): webgrad wasm (on each thread count asked
 * for), tfjs-backend-wasm, jax-js (wasm, jit) and, when asked for, PyTorch train the same model from
 * the same initial weights over the same batches (Fashion-MNIST, 60,000 images, batch 256). The peers
 * run one thread each. Each run times one epoch per framework, in turn, and the median over runs is
 * reported, so that every framework meets the machine in the same states.
 */
import { writeFileSync } from 'node:fs';
import { DataLoader, type HostBatch } from '../../bindings/data/dataloader.js';
import { loadFashionMnist } from '../../bindings/data/node/index.js';
import { d2lModel } from '../../bindings/train/models.js';
import { createWasmBackend, type WasmBackend } from '../../bindings/wasm/wasm-backend.js';
import { machineInfo, machineLine } from '../machine.js';
import { median } from '../timing.js';
import { jaxMlpTrainer } from './mlp-jax.js';
import { torchMlpTrainer } from './mlp-torch.js';
import { MLP, type MlpTrainer, type MlpWeights } from './mlp-trainer.js';
import { tfjsMlpTrainer } from './mlp-tfjs.js';
import { webgradMlpTrainer } from './mlp-webgrad.js';

const FRAMEWORKS = ['webgrad', 'tfjs', 'jax', 'torch'];

export const EPOCH_TIME_USAGE = `usage: npm run bench -- epoch-time [options]
  --runs N            epochs timed per framework, in turn (default 3)
  --frameworks LIST   ${FRAMEWORKS.join(',')} (default webgrad,tfjs,jax)
  --threads LIST      webgrad wasm thread counts, one row each (default 1)
  --python PATH       interpreter with torch, for torch (default /usr/bin/python3)
  --json FILE         also write the figures as JSON`;

export interface EpochTimeArgs {
  runs: number;
  frameworks: string[];
  threads: number[];
  python: string;
  json: string | null;
}

export function parseEpochTimeArgs(argv: readonly string[]): EpochTimeArgs {
  const out: EpochTimeArgs = { runs: 3, frameworks: ['webgrad', 'tfjs', 'jax'], threads: [1], python: '/usr/bin/python3', json: null };
  const bad = (why: string) => new Error(`${why}\n${EPOCH_TIME_USAGE}`);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i], v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw bad(`${flag} needs a value`);
    i++;
    if (flag === '--runs') {
      out.runs = Number(v);
      if (!Number.isInteger(out.runs) || out.runs < 1) throw bad('--runs must be a positive integer');
    } else if (flag === '--frameworks') {
      out.frameworks = v.split(',');
      for (const f of out.frameworks) if (!FRAMEWORKS.includes(f)) throw bad(`unknown framework ${f}`);
    } else if (flag === '--threads') {
      out.threads = [...new Set(v.split(',').map(Number))];
      if (!out.threads.every((t) => Number.isInteger(t) && t >= 1)) throw bad('--threads must list positive integers');
    } else if (flag === '--python') out.python = v;
    else if (flag === '--json') out.json = v;
    else throw bad(`unknown option ${flag}`);
  }
  return out;
}

export async function runMlpEpochTime(argv: readonly string[]): Promise<boolean> {
  if (argv.length === 1 && argv[0] === '--help') {
    console.log(EPOCH_TIME_USAGE);
    return true;
  }
  const args = parseEpochTimeArgs(argv);
  const { train } = loadFashionMnist();
  const batches: HostBatch<Uint8Array>[] = [...new DataLoader(train, { batchSize: MLP.batchSize, seed: 0 }).batches(0)];

  const backends: WasmBackend[] = [];
  const trainers: MlpTrainer[] = [];
  const torch = args.frameworks.includes('torch') ? torchMlpTrainer(args.python) : null;
  try {
    const first = await createWasmBackend({ threads: 1 });
    backends.push(first);
    const model = d2lModel('mlp', { backend: first, seed: 0 });
    const named = Object.fromEntries(model.namedParameters().map(([name, p]) => [name, p.dataSync()]));
    const weights: MlpWeights = { w1: named['0.weight'], b1: named['0.bias'], w2: named['2.weight'], b2: named['2.bias'] };
    model.dispose();

    const webgradRows: string[] = [];
    if (args.frameworks.includes('webgrad'))
      for (const threads of args.threads) {
        const backend = threads === 1 ? first : await createWasmBackend({ threads });
        if (backend !== first) backends.push(backend);
        const trainer = webgradMlpTrainer(backend);
        trainers.push(trainer);
        webgradRows.push(trainer.name);
      }
    if (args.frameworks.includes('tfjs')) trainers.push(await tfjsMlpTrainer());
    if (args.frameworks.includes('jax')) trainers.push(await jaxMlpTrainer());
    if (torch) trainers.push(torch);

    const machine = machineInfo();
    console.log(`MLP epoch time — ${machineLine(machine)}`);
    for (const t of trainers) console.log(`${t.name}: ${t.detail}`);
    const results = new Map<string, { seconds: number[]; loss: number[] }>(trainers.map((t) => [t.name, { seconds: [], loss: [] }]));
    for (let run = 1; run <= args.runs; run++)
      for (const t of trainers) {
        const r = await t.epoch(weights, batches);
        results.get(t.name)!.seconds.push(r.seconds);
        results.get(t.name)!.loss.push(r.meanLoss);
        process.stderr.write(`  run ${run}/${args.runs}  ${t.name.padEnd(14)} ${r.seconds.toFixed(2)} s  mean loss ${r.meanLoss.toFixed(6)}\n`);
      }

    const medianOf = (name: string) => median(results.get(name)!.seconds);
    console.log(`\n${batches.length} steps of batch ${MLP.batchSize} over ${train.length} images; median of ${args.runs} run(s)\n`);
    console.log(`| framework | s / epoch | runs (s) | epoch-1 mean loss |${webgradRows.map((w) => ` ${w} speed-up |`).join('')}`);
    console.log(`|---|---:|---|---:|${webgradRows.map(() => '---:|').join('')}`);
    const rows = trainers.map((t) => {
      const r = results.get(t.name)!;
      const s = median(r.seconds);
      const speedUps = webgradRows.map((w) => `${(s / medianOf(w)).toFixed(2)}×`);
      console.log(`| ${t.name} | ${s.toFixed(2)} | ${r.seconds.map((v) => v.toFixed(2)).join(', ')} | ${r.loss[0].toFixed(6)} |${speedUps.map((v) => ` ${v} |`).join('')}`);
      return { framework: t.name, detail: t.detail, medianSeconds: s, seconds: r.seconds, meanLoss: r.loss };
    });
    if (args.json) writeFileSync(args.json, JSON.stringify({ machine, steps: batches.length, rows }, null, 2) + '\n');
    return true;
  } finally {
    torch?.dispose();
    for (const backend of backends) backend.dispose();
  }
}
