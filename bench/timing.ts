/**
 * Timing of one prepared case in one mode ('read' or 'kernel'), by one of two samplers:
 * - 'benchmark' (the kernel bench): benchmark.js calibrates how many runs make a sample, collects
 *   samples for maxTime seconds (at least minSamples); asynchronous subjects run as deferred benchmarks.
 * - 'bounded' (the GPU bench): one run per sample, samples until maxTime has passed (at least
 *   minSamples, at most maxSamples), so the number of device waits has a known bound.
 * Either way the median sample, divided by the operations per run, is reported.
 */
import Benchmark from 'benchmark';
import type { PreparedCase, TimedMode } from './subjects/subject.js';

export interface TimingOptions {
  /** Seconds of sampling per measurement. */
  readonly maxTime: number;
  readonly minSamples: number;
  /** The bounded sampler's largest number of samples (default 50). */
  readonly maxSamples?: number;
  readonly sampler?: 'benchmark' | 'bounded';
}

export interface Timing {
  readonly medianMs: number;
  readonly samples: number;
  /** Relative margin of error of the mean, percent (benchmark.js; the bounded sampler computes the same). */
  readonly rme: number;
  /** Timed runs made, the warm-up included: on asynchronous subjects, one device wait each. */
  readonly runs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function relativeMarginOfError(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return ((1.96 * Math.sqrt(variance / values.length)) / mean) * 100;
}

/** The run() of a mode, counting its calls. */
function counted(prepared: PreparedCase, mode: TimedMode): { run: () => void | Promise<void>; calls: () => number } {
  const run = mode === 'read' ? prepared.run : prepared.runKernel;
  if (!run) throw new Error(`no ${mode} run: ${prepared.kernelNote ?? 'not measurable'}`);
  let calls = 0;
  return {
    run: () => {
      calls++;
      return run();
    },
    calls: () => calls,
  };
}

async function sampleBounded(prepared: PreparedCase, mode: TimedMode, options: TimingOptions): Promise<Timing> {
  const { run, calls } = counted(prepared, mode);
  await run(); // warm-up: first-call compilation, allocator growth
  const maxSamples = options.maxSamples ?? 50;
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < maxSamples && (samples.length < options.minSamples || performance.now() - started < options.maxTime * 1e3)) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return { medianMs: median(samples) / prepared.opsPerRun, samples: samples.length, rme: relativeMarginOfError(samples), runs: calls() };
}

async function sampleWithBenchmarkJs(name: string, prepared: PreparedCase, mode: TimedMode, options: TimingOptions): Promise<Timing> {
  const { run, calls } = counted(prepared, mode);
  await run(); // warm-up: first-call compilation, allocator growth
  return new Promise<Timing>((resolve, reject) => {
    let failure: unknown = null;
    const settings = { minSamples: options.minSamples, maxTime: options.maxTime };
    const bench = prepared.async
      ? new Benchmark(name, {
          ...settings,
          defer: true,
          fn: (deferred: { resolve(): void }) => {
            (run() as Promise<void>).then(
              () => deferred.resolve(),
              (error: unknown) => {
                failure = error;
                deferred.resolve();
              },
            );
          },
        })
      : new Benchmark(name, () => void run(), settings);
    bench.on('complete', () => {
      const error = failure ?? bench.error;
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else
        resolve({
          medianMs: (median(bench.stats.sample) * 1e3) / prepared.opsPerRun,
          samples: bench.stats.sample.length, rme: bench.stats.rme, runs: calls(),
        });
    });
    bench.run({ async: false });
  });
}

/** Times `mode` of a prepared case; subjects hosted in another thread time themselves there. */
export async function measure(name: string, prepared: PreparedCase, mode: TimedMode, options: TimingOptions): Promise<Timing> {
  if (prepared.measure) return prepared.measure(mode, options);
  return options.sampler === 'bounded'
    ? sampleBounded(prepared, mode, options)
    : sampleWithBenchmarkJs(`${name} ${mode}`, prepared, mode, options);
}
