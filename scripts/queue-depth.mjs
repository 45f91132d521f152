#!/usr/bin/env node
/**
 * How many command batches may the WebGPU queue hold before throttle() waits? Trains an MLP with fit()
 * for one epoch of `steps` steps (no readback until the epoch ends) once per queue bound, each in a
 * fresh process, and prints seconds, steps per second, the most batches and upload bytes queued, and
 * resident memory (RSS) after the first 10 % of steps and at the end.
 *
 *   npm run build && VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json \
 *     node scripts/queue-depth.mjs [--steps 1000] [--bounds 0,1,2,4,8,16,64,1000000]
 *       [--inputs 784] [--hidden 64] [--batch 64]
 *
 * The default bound is the smallest whose speed is within a few per cent of the unbounded run's.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const steps = Number(option('steps', '1000'));
const inputs = Number(option('inputs', '784')), hidden = Number(option('hidden', '64')), batch = Number(option('batch', '64'));
const shape = ['--steps', steps, '--inputs', inputs, '--hidden', hidden, '--batch', batch].map(String);

if (args[0] === '--child') {
  const bound = Number(args[1]);
  const { createWebGPUBackend, fit, optim, train, data } = await import('../dist/bindings/index.js');
  const backend = await createWebGPUBackend({ maxQueuedSubmissions: bound });
  const classes = 10;
  const n = steps * batch;
  const x = new Float32Array(n * inputs), y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % classes;
    for (let j = 0; j < inputs; j++) x[i * inputs + j] = Math.sin(i * 0.37 + j) + (j % classes === y[i] ? 1 : 0);
  }
  const model = train.d2lModel('mlp', { inputs, hidden, classes, backend, seed: 1 });
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
  const throttle = backend.throttle.bind(backend);
  let step = 0, maxQueued = 0, maxBytes = 0, rssEarly = 0;
  backend.throttle = async () => {
    const stats = backend.memoryStats();
    maxQueued = Math.max(maxQueued, stats.queuedSubmissions);
    maxBytes = Math.max(maxBytes, stats.queuedBytes);
    if (++step === Math.round(steps / 10)) rssEarly = process.memoryUsage().rss;
    await throttle();
  };
  const started = performance.now();
  await fit(model, { trainData: data.makeDataset(x, y, [inputs]), epochs: 1, batchSize: batch, optimizer, shuffle: false });
  const seconds = (performance.now() - started) / 1000;
  const rssEnd = process.memoryUsage().rss;
  await backend.synchronize();
  const submits = backend.submitCount;
  model.dispose();
  optimizer.dispose?.();
  backend.dispose();
  console.log(JSON.stringify({ bound, seconds, maxQueued, maxBytes, rssEarly, rssEnd, submits }));
  process.exit(0);
}

const bounds = option('bounds', '0,1,2,4,8,16,1000000').split(',').map(Number);
const MiB = 2 ** 20;
console.log(`${steps} steps of an MLP ${inputs}-${hidden}-10, batch ${batch}, one readback at the end`);
console.log('bound      seconds  steps/s  max queued  max queued KiB  submits  RSS at 10% MiB  RSS at end MiB');
for (const bound of bounds) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(bound), ...shape], {
    encoding: 'utf8', env: process.env,
  });
  const line = child.stdout.trim().split('\n').pop();
  if (child.status !== 0 || !line?.startsWith('{')) {
    console.log(`${bound}: failed (status ${child.status}, signal ${child.signal}) ${child.stderr.slice(-400)}`);
    continue;
  }
  const r = JSON.parse(line);
  console.log(
    [String(bound).padEnd(9), r.seconds.toFixed(1).padStart(7), (steps / r.seconds).toFixed(1).padStart(8),
      String(r.maxQueued).padStart(11), (r.maxBytes / 1024).toFixed(0).padStart(15), String(r.submits).padStart(8),
      (r.rssEarly / MiB).toFixed(0).padStart(15), (r.rssEnd / MiB).toFixed(0).padStart(15)].join(' '),
  );
}
