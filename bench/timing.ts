/**
 * Timing with benchmark.js: it calibrates how many runs make a sample, collects samples for
 * maxTime seconds (at least minSamples), and the median of the per-run sample times is reported.
 * Asynchronous subjects (WebGPU, jax-js) run as deferred benchmarks.
 */
import Benchmark from 'benchmark';
import type { PreparedCase } from './subjects/subject.js';

export interface TimingOptions {
  /** Seconds of sampling per measurement. */
  readonly maxTime: number;
  readonly minSamples: number;
}

export interface Timing {
  readonly medianMs: number;
  readonly samples: number;
  /** Relative margin of error of the mean, percent (benchmark.js). */
  readonly rme: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function measure(name: string, prepared: PreparedCase, options: TimingOptions): Promise<Timing> {
  await prepared.run(); // warm-up: first-call compilation, allocator growth
  return new Promise<Timing>((resolve, reject) => {
    let failure: unknown = null;
    const settings = { minSamples: options.minSamples, maxTime: options.maxTime };
    const bench = prepared.async
      ? new Benchmark(name, {
          ...settings,
          defer: true,
          fn: (deferred: { resolve(): void }) => {
            (prepared.run() as Promise<void>).then(
              () => deferred.resolve(),
              (error: unknown) => {
                failure = error;
                deferred.resolve();
              },
            );
          },
        })
      : new Benchmark(name, () => void prepared.run(), settings);
    bench.on('complete', () => {
      const error = failure ?? bench.error;
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve({ medianMs: (median(bench.stats.sample) * 1e3) / prepared.opsPerRun, samples: bench.stats.sample.length, rme: bench.stats.rme });
    });
    bench.run({ async: false });
  });
}
