/**
 * `npm run bench:gpu`: webgrad's WebGPU backend beside tfjs-webgpu and jax-js on the adapter Dawn
 * finds (a real GPU, or a CPU emulation, which the report says plainly): large matmuls, the MLP's
 * shapes, softmax and cross-entropy up to [65536×1000], and MLP training steps. Every case is
 * checked against the f64 reference, timed with its read and without, the number of device waits
 * bounded; a peer that fails is noted and the run carries on. Writes JSON and markdown to --out.
 */
import { UsageError } from '../args.js';
import { attemptSubject, runSuite } from '../harness.js';
import { machineInfo } from '../machine.js';
import { jaxSubject } from '../subjects/jax.js';
import type { Subject } from '../subjects/subject.js';
import { tfjsSubject } from '../subjects/tfjs.js';
import { webgradSubject } from '../subjects/webgrad.js';
import { formatTable } from '../table.js';
import { NoAdapterError, installNodeWebGPU } from '../webgpu-env.js';
import { loadBackend } from '../webgrad-backends.js';
import { GPU_USAGE, gpuCases, parseGpuArgs } from './args.js';
import { adapterLine, writeReport } from './report.js';

async function main(): Promise<void> {
  const args = parseGpuArgs(process.argv.slice(2));
  if (args.help) {
    console.log(GPU_USAGE);
    return;
  }
  const cases = gpuCases(args);
  const started = performance.now();
  const notes: string[] = [];
  process.on('unhandledRejection', (reason) => {
    const text = reason instanceof Error ? reason.message : String(reason);
    notes.push(`unhandled rejection: ${text.split('\n')[0]}`);
    process.stderr.write(`  noted an unhandled rejection: ${text}\n`);
  });

  const machine = machineInfo();
  const webgpu = await installNodeWebGPU();
  const adapter = { info: webgpu.adapterInfo, kind: webgpu.adapterKind, verdict: webgpu.adapterVerdict };
  console.log(adapterLine(adapter));

  const subjects: Subject[] = [];
  const unavailable: string[] = [];
  await attemptSubject(subjects, unavailable, 'webgrad webgpu', async () => {
    const backend = await loadBackend('webgpu', { gpu: webgpu.gpu });
    return typeof backend === 'string' ? backend : webgradSubject(backend, { readTarget: args.readTarget });
  });
  if (args.peers.includes('tfjs')) await attemptSubject(subjects, unavailable, 'tfjs-webgpu', () => tfjsSubject('webgpu'));
  if (args.peers.includes('jax')) await attemptSubject(subjects, unavailable, 'jax-js webgpu', () => jaxSubject('webgpu'));
  for (const s of subjects) console.log(`${s.name}: ${s.detail}`);
  for (const line of unavailable) console.log(`not measured: ${line}`);
  console.log(
    `${cases.length} cases; ${args.chain} operation(s) or training step(s) per timed run, then one read (or wait); ` +
      `${args.maxTime} s per measurement, ${args.minSamples}–${args.maxSamples} samples\n`,
  );

  const { records, timedRuns } = await runSuite(cases, subjects, {
    runs: 1, chain: args.chain, kernelOnly: args.kernelOnly, maxTime: args.maxTime, minSamples: args.minSamples,
    maxSamples: args.maxSamples, sampler: 'bounded', caseTimeout: args.caseTimeout,
  });
  const primaries = subjects.filter((s) => s.isWebgrad).map((s) => s.name);
  const seconds = (performance.now() - started) / 1e3;
  console.log(formatTable(cases, subjects.map((s) => s.name), primaries, records));
  const paths = writeReport(args.out, {
    machine, adapter, command: `npm run bench:gpu -- ${process.argv.slice(2).join(' ')}`.trim(), options: args,
    subjects: Object.fromEntries(subjects.map((s) => [s.name, s.detail])), primaries, unavailable, notes,
    timedRuns, seconds, cases, records,
  });
  console.log(`\n${adapterLine(adapter)}\n${timedRuns} timed runs in ${seconds.toFixed(0)} s; wrote ${paths.json} and ${paths.markdown}`);
  for (const s of subjects) await s.dispose().catch((error: Error) => console.error(`${s.name} dispose: ${error.message}`));
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: Error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${GPU_USAGE}`);
    else console.error(error instanceof NoAdapterError ? error.message : error.stack);
    process.exit(1);
  },
);
