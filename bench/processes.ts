/**
 * `npm run bench -- processes N [kernel bench options]`: the kernel bench run in N separate Node
 * processes, one after another, and each (case, subject)'s figure reported as min / median / max
 * over the processes. A figure that depends on the process (its garbage collector's history, where
 * its memory landed) shows as a wide spread here and not within one process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, machineLine } from './machine.js';
import type { BenchRecord } from './results.js';
import { median } from './timing.js';

export const PROCESSES_USAGE = `usage: npm run bench -- processes N [options of the kernel bench] [--summary FILE]
  runs the kernel bench (--runs 1) in N separate processes and prints min / median / max of each
  figure over them; --summary FILE also writes them as JSON. Example:
  npm run bench -- processes 10 --only softmax-4096,crossEntropy-4096 --threads 1,2 --peers none --no-cpu`;

interface Spread {
  min: number;
  median: number;
  max: number;
}

const spread = (values: number[]): Spread | null =>
  values.length === 0 ? null : { min: Math.min(...values), median: median(values), max: Math.max(...values) };

const ms = (s: Spread | null) => (s ? `${s.min.toFixed(3)} / ${s.median.toFixed(3)} / ${s.max.toFixed(3)}` : '–');

export async function runProcesses(argv: readonly string[]): Promise<boolean> {
  const count = Number(argv[0]);
  if (argv[0] === '--help' || !Number.isInteger(count) || count < 2) {
    console.log(PROCESSES_USAGE);
    return argv[0] === '--help';
  }
  const rest = [...argv.slice(1)];
  const summaryAt = rest.indexOf('--summary');
  const summary = summaryAt >= 0 ? rest.splice(summaryAt, 2)[1] : undefined;
  if (summaryAt >= 0 && !summary) {
    console.log(`processes: --summary needs a file\n${PROCESSES_USAGE}`);
    return false;
  }
  if (rest.includes('--json') || rest.includes('--runs')) {
    console.log(`processes: --json and --runs are set per process\n${PROCESSES_USAGE}`);
    return false;
  }
  const bench = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'webgrad-processes-'));
  const runs: BenchRecord[][] = [];
  try {
    for (let p = 0; p < count; p++) {
      const json = path.join(dir, `run-${p}.json`);
      const child = spawnSync(process.execPath, [...process.execArgv, bench, ...rest, '--runs', '1', '--json', json], { encoding: 'utf8' });
      if (child.status !== 0) {
        console.error(`process ${p + 1} failed (exit ${child.status}):\n${child.stderr || child.stdout}`);
        return false;
      }
      runs.push((JSON.parse(readFileSync(json, 'utf8')) as { records: BenchRecord[] }).records);
      console.log(`process ${p + 1}/${count} done`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const machine = machineInfo();
  console.log(`\nwebgrad bench in ${count} processes — ${machineLine(machine)}`);
  console.log(`options: ${rest.join(' ')}\nms per operation, min / median / max over the processes (each process's figure is its median)\n`);
  console.log('| case | subject | with read, ms | kernel only, ms | max / min with read |');
  console.log('|---|---|---:|---:|---:|');
  const rows = runs[0].filter((r) => !r.skipped).map((first) => {
    const same = runs.map((records) => records.find((r) => r.case === first.case && r.subject === first.subject));
    const read = spread(same.flatMap((r) => (r?.medianMs == null ? [] : [r.medianMs])));
    const kernel = spread(same.flatMap((r) => (r?.kernelOnly ? [r.kernelOnly.medianMs] : [])));
    console.log(`| ${first.label} | ${first.subject} | ${ms(read)} | ${ms(kernel)} | ${read ? `${(read.max / read.min).toFixed(2)}×` : '–'} |`);
    return { case: first.case, label: first.label, shape: first.shape, subject: first.subject, read, kernelOnly: kernel };
  });
  if (summary) writeFileSync(summary, JSON.stringify({ machine, processes: count, options: rest, rows }, null, 2) + '\n');
  return true;
}
