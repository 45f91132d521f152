/** What every example shares: its options, a backend, printing, running as a script. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Backend } from '../bindings/backend.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { createWasmBackend } from '../bindings/wasm/wasm-backend.js';

export interface ExampleOptions {
  /** Where to compute; default a fresh wasm backend, disposed at the end. */
  backend?: Backend;
  /** Where result lines go; default console.log. */
  log?: (line: string) => void;
  seed?: number;
  /** Passes over the training data (each example's d2l value by default). */
  epochs?: number;
  /** Fashion-MNIST examples: only the first n images per class; synthetic ones: examples to generate. */
  limit?: number;
  /** Directory of the data cache. */
  cacheDir?: string;
  /** A directory of input files (the Kaggle example's train.csv and test.csv). */
  dataDir?: string;
  /** Where the Kaggle example writes its predictions; default `submission.csv` in the working directory. */
  submissionPath?: string;
  /** Where the example writes its figures (SVG); none when left out (a script's default is `figures`). */
  figuresDir?: string | null;
}

/** Writes one figure as `<figuresDir>/<name>.svg` and logs where; returns the path (null when figures are off). */
export function saveFigure(options: ExampleOptions, name: string, svg: string): string | null {
  const dir = options.figuresDir ?? null;
  if (dir === null) return null;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.svg`);
  writeFileSync(file, svg);
  logger(options)(`figure: ${file}`);
  return file;
}

/** Runs fn with options.backend, or with a wasm backend it creates and disposes. */
export async function withBackend<T>(options: ExampleOptions, fn: (backend: Backend) => Promise<T>): Promise<T> {
  if (options.backend) return fn(options.backend);
  const backend = await createWasmBackend();
  try {
    return await fn(backend);
  } finally {
    backend.dispose();
  }
}

export function logger(options: ExampleOptions): (line: string) => void {
  return options.log ?? ((line) => console.log(line));
}

export const fixed = (v: number, digits = 4) => v.toFixed(digits);
export const percent = (v: number | null) => (v === null ? '-' : `${(100 * v).toFixed(2)}%`);

/**
 * When the module is the script node was started with: parses --epochs, --limit, --seed,
 * --backend cpu|wasm, --cache-dir, --figures, --data and --submission, runs main, and exits 2 on bad arguments, 1 on failure.
 */
export function runAsScript(moduleUrl: string, main: (options: ExampleOptions) => Promise<unknown>): void {
  if (!process.argv[1] || pathToFileURL(process.argv[1]).href !== moduleUrl) return;
  let options: ExampleOptions & { backendName?: string };
  try {
    const { values } = parseArgs({
      options: {
        epochs: { type: 'string' }, limit: { type: 'string' }, seed: { type: 'string' },
        backend: { type: 'string' }, 'cache-dir': { type: 'string' }, figures: { type: 'string' },
        data: { type: 'string' }, submission: { type: 'string' },
      },
      strict: true,
    });
    const int = (name: string, v: string | undefined, min: number) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got '${v}'`);
      return n;
    };
    if (values.backend !== undefined && values.backend !== 'cpu' && values.backend !== 'wasm')
      throw new Error(`--backend must be cpu or wasm, got '${values.backend}'`);
    options = {
      epochs: int('epochs', values.epochs, 1), limit: int('limit', values.limit, 1), seed: int('seed', values.seed, 0),
      cacheDir: values['cache-dir'], figuresDir: values.figures ?? 'figures', dataDir: values.data,
      submissionPath: values.submission, backendName: values.backend,
    };
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: node ${process.argv[1]} [--epochs N] [--limit N] [--seed N] [--backend cpu|wasm] [--cache-dir DIR] [--figures DIR] [--data DIR] [--submission FILE]`);
    process.exitCode = 2;
    return;
  }
  const backend = options.backendName === 'cpu' ? new CpuBackend() : undefined;
  main({ ...options, backend }).catch((error: Error) => {
    console.error(process.env.WEBGRAD_DEBUG ? error.stack : `error: ${error.message}`);
    process.exitCode = 1;
  });
}
