/** The parts of benchmark.js (2.1) the bench uses; the package ships no types. */
declare module 'benchmark' {
  interface Deferred {
    resolve(): void;
  }
  interface Stats {
    /** Seconds per operation, one entry per sample. */
    sample: number[];
    mean: number;
    rme: number;
  }
  interface Options {
    defer?: boolean;
    fn?: ((deferred: Deferred) => void) | (() => void);
    minSamples?: number;
    maxTime?: number;
    minTime?: number;
    initCount?: number;
  }
  class Benchmark {
    constructor(name: string, fn: () => void, options?: Options);
    constructor(name: string, options: Options);
    stats: Stats;
    count: number;
    error?: unknown;
    aborted: boolean;
    on(event: string, listener: () => void): this;
    run(options?: { async?: boolean }): this;
  }
  export default Benchmark;
}
