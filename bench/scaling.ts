/**
 * `npm run bench -- scaling`: how far this machine lets work scale across its cores, whatever the
 * code. The same one-thread kernel runs in one worker thread, then in N workers at once, each on its
 * own single-thread wasm backend (no shared memory, no job splitting, nothing in common but the
 * machine): the sum of the N workers' rates over the rate of one alone is the ceiling a threaded
 * kernel could reach here. A compute-bound kernel (matmul 256³, in cache) and memory-bound ones
 * (ReLU and softmax over 16 MB) show the two limits.
 */
import { Worker } from 'node:worker_threads';
import { machineInfo, machineLine } from './machine.js';
import { median } from './timing.js';

export const SCALING_USAGE = `usage: npm run bench -- scaling [--workers N] [--seconds S] [--rounds R]
  --workers  workers run at once (default: the machine's cores)
  --seconds  seconds each worker runs its kernel per round (default 2)
  --rounds   rounds of (1 worker, then N at once), reported as their median (default 3)`;

export const SCALING_KERNELS = ['matmul 256³', 'relu 16 MB', 'softmax [4096×1000]'] as const;
export type ScalingKernel = (typeof SCALING_KERNELS)[number];

/** What a worker thread is given. */
export interface ScalingJob {
  kernel: ScalingKernel;
  seconds: number;
  /** Int32Array word 0 goes 0 → 1 to start every worker at once. */
  start: SharedArrayBuffer;
}

/** A worker's rate: GFLOP/s for matmul, GB/s (read + written) for the others. */
export type ScalingReport = { ready: true } | { rate: number } | { error: string };

function parseScalingArgs(argv: readonly string[], cores: number): { workers: number; seconds: number; rounds: number } | null {
  const args = { workers: Math.max(2, cores), seconds: 2, rounds: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (!(value > 0)) return null;
    if (argv[i] === '--workers' && Number.isInteger(value) && value >= 2) args.workers = value;
    else if (argv[i] === '--seconds') args.seconds = value;
    else if (argv[i] === '--rounds' && Number.isInteger(value)) args.rounds = value;
    else return null;
  }
  return args;
}

/** Runs `kernel` in `count` workers started together; their rates. */
async function runTogether(kernel: ScalingKernel, count: number, seconds: number): Promise<number[]> {
  const start = new SharedArrayBuffer(4);
  const job: ScalingJob = { kernel, seconds, start };
  const workers = Array.from({ length: count }, () => new Worker(new URL('./scaling-worker.js', import.meta.url), { workerData: job }));
  try {
    const reports = workers.map((worker) => {
      const messages: ScalingReport[] = [];
      let wake: (() => void) | null = null;
      worker.on('message', (m: ScalingReport) => {
        messages.push(m);
        wake?.();
      });
      worker.on('error', (error) => {
        messages.push({ error: String(error) });
        wake?.();
      });
      return async (): Promise<ScalingReport> => {
        while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        return messages.shift()!;
      };
    });
    const expect = async (next: () => Promise<ScalingReport>) => {
      const report = await next();
      if ('error' in report) throw new Error(`scaling worker: ${report.error}`);
      return report;
    };
    await Promise.all(reports.map(expect));
    const flag = new Int32Array(start);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    const results = await Promise.all(reports.map(expect));
    return results.map((r) => ('rate' in r ? r.rate : NaN));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

export async function runScaling(argv: readonly string[]): Promise<boolean> {
  const machine = machineInfo();
  const args = parseScalingArgs(argv, machine.cpus);
  if (!args) {
    console.log(SCALING_USAGE);
    return argv.length === 1 && argv[0] === '--help';
  }
  console.log(`webgrad scaling ceiling — ${machineLine(machine)}, load ${machine.loadAverage.join(' ')}`);
  console.log(`each worker: its own createWasmBackend({ threads: 1 }), ${args.seconds} s per round, median of ${args.rounds} rounds\n`);
  console.log(`| kernel | unit | 1 worker | ${args.workers} workers at once (sum) | ${args.workers} workers / 1 |`);
  console.log('|---|---|---:|---:|---:|');
  for (const kernel of SCALING_KERNELS) {
    const alone: number[] = [], together: number[] = [];
    for (let round = 0; round < args.rounds; round++) {
      alone.push((await runTogether(kernel, 1, args.seconds))[0]);
      together.push((await runTogether(kernel, args.workers, args.seconds)).reduce((s, r) => s + r, 0));
    }
    const one = median(alone), all = median(together);
    const unit = kernel.startsWith('matmul') ? 'GFLOP/s' : 'GB/s';
    console.log(`| ${kernel} | ${unit} | ${one.toFixed(2)} | ${all.toFixed(2)} | ${(all / one).toFixed(2)}× |`);
  }
  return true;
}
