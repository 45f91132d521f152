/**
 * Timing a case as a user would see it: calls enqueued back to back, then the last result read
 * back (which waits for the device on WebGPU). A sample is `calls` calls and one read; the number
 * of calls doubles until a sample lasts `minSampleMs`. The figure is the median sample over calls.
 */
import type { Backend, Tensor } from 'webgrad';
import type { BenchCase } from './suite.js';

export interface TimingOptions {
  /** A sample lasts at least this long (calls are doubled until it does). */
  minSampleMs: number;
  samples: number;
  /** Calls per sample stop doubling here. */
  maxCalls: number;
}

export interface Timing {
  msPerCall: number;
  callsPerSample: number;
  samples: number;
}

async function sample(run: () => Tensor[], calls: number): Promise<number> {
  const started = performance.now();
  let last: Tensor[] = [];
  for (let i = 0; i < calls; i++) {
    for (const t of last) t.dispose();
    last = run();
  }
  await last[last.length - 1].data();
  const elapsed = performance.now() - started;
  for (const t of last) t.dispose();
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Times one case on one backend; the inputs are made before and freed after. */
export async function timeCase(benchCase: BenchCase, backend: Backend, options: TimingOptions): Promise<Timing> {
  const { run, dispose } = benchCase.setup(backend);
  try {
    let calls = 1;
    let elapsed = await sample(run, calls); // warm-up: compiles pipelines, grows memory
    elapsed = await sample(run, calls);
    while (elapsed < options.minSampleMs && calls < options.maxCalls) {
      calls *= 2;
      elapsed = await sample(run, calls);
    }
    const times = [elapsed];
    while (times.length < options.samples) times.push(await sample(run, calls));
    return { msPerCall: median(times) / calls, callsPerSample: calls, samples: times.length };
  } finally {
    dispose();
  }
}

/** The throughput of a case at `msPerCall`, in the case's unit. */
export function throughput(benchCase: BenchCase, msPerCall: number): number {
  const perSecond = 1000 / msPerCall;
  const work = benchCase.work;
  if (work.unit === 'GFLOP/s') return (work.flops * perSecond) / 1e9;
  if (work.unit === 'GB/s') return (work.bytes * perSecond) / 1e9;
  return work.images * perSecond;
}
