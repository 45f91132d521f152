/**
 * `npm run bench`: webgrad's kernels beside the peers (tfjs, jax-js) on the same inputs in the
 * same process, each result checked against an f64 reference before it is timed.
 */
import { writeFileSync } from 'node:fs';
import { USAGE, UsageError, parseArgs, selectCases } from './args.js';
import type { BenchArgs } from './args.js';
import { BENCH_CASES } from './cases.js';
import { checkOutput } from './check.js';
import { makeInputs } from './inputs.js';
import { machineInfo } from './machine.js';
import type { BenchRecord } from './results.js';
import { makeRecord } from './results.js';
import { jaxSubject } from './subjects/jax.js';
import type { Subject } from './subjects/subject.js';
import { tfjsSubject } from './subjects/tfjs.js';
import { webgradSubject } from './subjects/webgrad.js';
import { formatTable } from './table.js';
import { targetLines } from './targets.js';
import { measure } from './timing.js';
import { installNodeWebGPU, type WebGPUEnv } from './webgpu-env.js';
import { loadBackend } from './webgrad-backends.js';

/** The cpu reference is left out above this many flops (1024³ takes seconds a run there). */
const CPU_MAX_MATMUL_FLOPS = 2 * 512 ** 3;

async function makeSubjects(args: BenchArgs, unavailable: string[], webgpu: WebGPUEnv | null): Promise<Subject[]> {
  const subjects: Subject[] = [];
  const attempt = async (what: string, make: () => Promise<Subject | string>) => {
    try {
      const s = await make();
      if (typeof s === 'string') unavailable.push(s);
      else subjects.push(s);
    } catch (error) {
      unavailable.push(`${what}: ${(error as Error).message}`);
    }
  };
  const webgrad = async (name: 'cpu' | 'wasm' | 'webgpu') => {
    const backend = await loadBackend(name, name === 'webgpu' ? { gpu: webgpu?.gpu } : undefined);
    if (typeof backend === 'string') return backend;
    return name === 'cpu'
      ? webgradSubject(backend, { maxMatmulFlops: CPU_MAX_MATMUL_FLOPS, skipNote: 'skipped: the reference takes seconds per run at this size' })
      : webgradSubject(backend);
  };
  const device = args.backend === 'webgpu' ? 'webgpu' : 'wasm';
  if (args.backend !== 'webgpu' && args.cpu) await attempt('webgrad cpu', () => webgrad('cpu'));
  if (args.backend !== 'cpu') await attempt(`webgrad ${args.backend}`, () => webgrad(args.backend));
  if (args.peers.includes('tfjs')) await attempt(`tfjs-${device}`, () => tfjsSubject(device));
  if (args.peers.includes('jax')) await attempt(`jax-js ${device}`, () => jaxSubject(device));
  return subjects;
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'parity') {
    const { runParity } = await import('./parity/parity.js');
    if (!(await runParity(rest))) process.exitCode = 1;
    return;
  }
  if (command === 'webgpu-steps') {
    const { runWebGPUSteps } = await import('./parity/webgpu-steps.js');
    if (!(await runWebGPUSteps(rest))) process.exitCode = 1;
    return;
  }
  if (command === 'epoch-time') {
    const { runMlpEpochTime } = await import('./parity/mlp-epoch-time.js');
    return runMlpEpochTime(rest);
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
  const subjects = await makeSubjects(args, unavailable, webgpu);
  const primary = subjects.find((s) => s.isWebgrad && s.name === `webgrad ${args.backend}`)?.name ?? null;

  console.log(`webgrad bench — ${machine.date}, ${machine.cpuModel} (${machine.cpus} cpus), Node ${machine.node}`);
  if (adapter) console.log(`WebGPU adapter: ${adapter}`);
  for (const s of subjects) console.log(`${s.name}: ${s.detail}`);
  for (const line of unavailable) console.log(`not measured: ${line}`);
  console.log(
    `sampling ${args.maxTime} s per measurement (at least ${args.minSamples} samples), ${args.runs} run(s) of the suite` +
      (args.backend === 'webgpu' ? `, ${args.chain} operation(s) per readback` : '') + '\n',
  );

  const runMedians = new Map<string, number[]>();
  const checks = new Map<string, string>();
  const key = (caseId: string, subject: string) => `${caseId}\u0000${subject}`;
  for (let run = 0; run < args.runs; run++) {
    for (const c of cases) {
      const inputs = makeInputs(c);
      for (const s of subjects) {
        const k = key(c.id, s.name);
        if (s.skipReason(c) !== null || checks.get(k)?.startsWith('failed')) continue;
        try {
          const prepared = await s.prepare(c, inputs, args.chain);
          try {
            if (run === 0) checks.set(k, checkOutput(c, inputs, await prepared.output()).text);
            const timing = await measure(`${s.name} ${c.id}`, prepared, args);
            runMedians.set(k, [...(runMedians.get(k) ?? []), timing.medianMs]);
            process.stderr.write(`  run ${run + 1}/${args.runs}  ${c.id.padEnd(22)} ${s.name.padEnd(14)} ${timing.medianMs.toFixed(3)} ms (${timing.samples} samples)\n`);
          } finally {
            prepared.dispose();
          }
        } catch (error) {
          checks.set(k, `failed: ${(error as Error).message}`);
          process.stderr.write(`  ${c.id} ${s.name} failed: ${(error as Error).stack}\n`);
        }
      }
    }
  }

  const records: BenchRecord[] = [];
  for (const c of cases)
    for (const s of subjects) {
      const k = key(c.id, s.name);
      records.push(makeRecord(c, s.name, s.isWebgrad, runMedians.get(k) ?? [], checks.get(k) ?? 'not run', s.skipReason(c) ?? (checks.get(k)?.startsWith('failed') ? checks.get(k)! : null)));
    }
  console.log(formatTable(cases, subjects.map((s) => s.name), primary, records));
  const targets = targetLines(args.backend, records, adapter);
  if (targets.length) console.log(`\ntargets (issues 2 and 4):\n${targets.join('\n')}`);
  if (args.json) {
    const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
    writeFileSync(args.json, JSON.stringify({ machine, adapter, command, options: args, unavailable, records }, null, 2) + '\n');
    console.log(`\nwrote ${records.length} records to ${args.json}`);
  }
  for (const s of subjects) await s.dispose();
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: Error) => {
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : error.stack);
    process.exit(1);
  },
);
