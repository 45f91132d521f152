/**
 * `npm run bench`: webgrad's kernels beside the peers (tfjs, jax-js, onnxruntime-web) on the same
 * inputs in the same process, each result checked against an f64 reference before it is timed,
 * each timed with the read of its result and without.
 */
import { writeFileSync } from 'node:fs';
import { USAGE, UsageError, parseArgs, selectCases } from './args.js';
import type { BenchArgs } from './args.js';
import { BENCH_CASES, type BenchCase } from './cases.js';
import { attemptSubject, runSuite } from './harness.js';
import { machineInfo, machineLine } from './machine.js';
import { jaxSubject } from './subjects/jax.js';
import type { Subject } from './subjects/subject.js';
import { tfjsSubject } from './subjects/tfjs.js';
import { webgradSubject } from './subjects/webgrad.js';
import { workerSubject } from './subjects/worker-subject.js';
import { formatTable } from './table.js';
import { targetLines } from './targets.js';
import { NoAdapterError, installNodeWebGPU, type WebGPUEnv } from './webgpu-env.js';
import { loadBackend } from './webgrad-backends.js';

/** The cpu reference is left out above this many flops (1024³ takes seconds a run there). */
const CPU_MAX_MATMUL_FLOPS = 2 * 512 ** 3;

async function makeSubjects(args: BenchArgs, cases: readonly BenchCase[], unavailable: string[], webgpu: WebGPUEnv | null): Promise<Subject[]> {
  const subjects: Subject[] = [];
  const attempt = (what: string, make: () => Promise<Subject | string>) => attemptSubject(subjects, unavailable, what, make);
  const device = args.backend === 'webgpu' ? 'webgpu' : 'wasm';
  if (args.backend !== 'webgpu' && args.cpu)
    await attempt('webgrad cpu', async () => {
      const backend = await loadBackend('cpu');
      return typeof backend === 'string' ? backend : webgradSubject(backend, {
        maxMatmulFlops: CPU_MAX_MATMUL_FLOPS, skipNote: 'skipped: the reference takes seconds per run at this size',
        readTarget: args.readTarget,
      });
    });
  if (args.backend === 'wasm')
    for (const threads of args.threads)
      await attempt(`webgrad wasm ${threads}thr`, async () => {
        const backend = await loadBackend('wasm', { threads });
        return typeof backend === 'string' ? backend : webgradSubject(backend, { threadsAsked: threads, readTarget: args.readTarget });
      });
  if (args.backend === 'webgpu')
    await attempt('webgrad webgpu', async () => {
      const backend = await loadBackend('webgpu', { gpu: webgpu?.gpu });
      return typeof backend === 'string' ? backend : webgradSubject(backend, { readTarget: args.readTarget });
    });
  if (args.peers.includes('tfjs')) await attempt(`tfjs-${device}`, () => tfjsSubject(device));
  if (args.peers.includes('jax')) await attempt(`jax-js ${device}`, () => jaxSubject(device));
  if (args.peers.includes('ort')) {
    if (device === 'webgpu') unavailable.push('ort-web: onnxruntime-web\'s Node build has the wasm execution provider only (not a WebGPU peer)');
    else
      for (const threads of args.ortThreads)
        await attempt(`ort-web ${threads}thr`, () =>
          workerSubject({ module: new URL('./subjects/ort.js', import.meta.url).href, factory: 'ortSubject', args: [threads] }, cases));
  }
  return subjects;
}

/** The other commands, `npm run bench -- NAME ...`; one that returns false has failed. */
type Command = (argv: readonly string[]) => Promise<boolean | void>;
const COMMANDS: Record<string, () => Promise<Command>> = {
  parity: async () => (await import('./parity/parity.js')).runParity,
  'webgpu-steps': async () => (await import('./parity/webgpu-steps.js')).runWebGPUSteps,
  'epoch-time': async () => (await import('./parity/mlp-epoch-time.js')).runMlpEpochTime,
  processes: async () => (await import('./processes.js')).runProcesses,
  read: async () => (await import('./read-cost.js')).runReadCost,
  scaling: async () => (await import('./scaling.js')).runScaling,
  peak: async () => (await import('./peak.js')).runPeak,
};

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (Object.hasOwn(COMMANDS, command)) {
    if ((await (await COMMANDS[command]())(rest)) === false) process.exitCode = 1;
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const cases = selectCases(BENCH_CASES, args.only);
  if (cases.length === 0) throw new UsageError(`--only ${args.only.join(',')} matches no case`);
  const machine = machineInfo();
  const webgpu = args.backend === 'webgpu' ? await installNodeWebGPU() : null;
  const adapter = webgpu?.adapterInfo ?? null;

  const unavailable: string[] = [];
  const subjects = await makeSubjects(args, cases, unavailable, webgpu);
  // the cpu reference is compared with the peers only when it is the backend asked for
  const primaries = subjects.filter((s) => s.isWebgrad && (args.backend === 'cpu' || !s.name.startsWith('webgrad cpu'))).map((s) => s.name);

  console.log(`webgrad bench — ${machineLine(machine)}`);
  if (webgpu) console.log(`WebGPU adapter: ${webgpu.adapterInfo} — ${webgpu.adapterVerdict}`);
  for (const s of subjects) console.log(`${s.name}: ${s.detail}`);
  for (const line of unavailable) console.log(`not measured: ${line}`);
  console.log(
    `sampling ${args.maxTime} s per measurement (at least ${args.minSamples} samples), ${args.runs} run(s) of the suite` +
      (args.backend === 'webgpu' ? `, ${args.chain} operation(s) per readback` : '') +
      (args.kernelOnly ? ', each case with the read and kernel only' : ', with the read only') + '\n',
  );

  const { records } = await runSuite(cases, subjects, {
    runs: args.runs, chain: args.chain, kernelOnly: args.kernelOnly, maxTime: args.maxTime, minSamples: args.minSamples,
  });
  console.log(formatTable(cases, subjects.map((s) => s.name), primaries, records));
  const targetSubject = subjects.find((s) => s.isWebgrad && s.name.startsWith(`webgrad ${args.backend}`) && (s.threads ?? 1) === 1);
  const targets = targetSubject ? targetLines(args.backend, targetSubject.name, records, webgpu?.adapterKind ?? null) : [];
  if (targets.length) console.log(`\ntargets (issues 2 and 4, with read, ${targetSubject!.name}):\n${targets.join('\n')}`);
  if (args.json) {
    const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
    const subjectDetails = Object.fromEntries(subjects.map((s) => [s.name, s.detail]));
    writeFileSync(args.json, JSON.stringify({
      machine, adapter, adapterKind: webgpu?.adapterKind ?? null, command, options: args, subjects: subjectDetails, unavailable, records,
    }, null, 2) + '\n');
    console.log(`\nwrote ${records.length} records to ${args.json}`);
  }
  for (const s of subjects) await s.dispose();
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: Error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else console.error(error instanceof NoAdapterError ? error.message : error.stack);
    process.exit(1);
  },
);
