/** The main command's arguments: parsed and checked, or a UsageError saying what is wrong. */
import { parseArgs } from 'node:util';

export const BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;
export const MODELS = ['mlp', 'softmax', 'dropout-mlp'] as const;
export const DATASETS = ['fashion-mnist', 'mnist'] as const;
export const INITS = ['d2l', 'xavier', 'pytorch'] as const;

export type BackendName = (typeof BACKENDS)[number];
export type ModelName = (typeof MODELS)[number];
export type DatasetName = (typeof DATASETS)[number];
export type InitName = (typeof INITS)[number];

export interface TrainArgs {
  help: boolean;
  backend: BackendName;
  model: ModelName;
  data: DatasetName;
  init: InitName;
  epochs: number;
  lr: number;
  batchSize: number;
  seed: number;
  out: string;
  /** Only the first n images of each class (train and test): a quick run. */
  limit: number | null;
  cacheDir: string | null;
}

/** d2l's learning rates: 0.1 for softmax regression and the MLP, 0.5 for the dropout MLP. */
export const DEFAULT_LR: Record<ModelName, number> = { mlp: 0.1, softmax: 0.1, 'dropout-mlp': 0.5 };

export const USAGE = `Usage: webgrad [options]

Trains a d2l model on Fashion-MNIST and writes curves.svg, metrics.json and
model.safetensors to the output directory.

Options:
  --model NAME        mlp (784-256-10, ReLU), softmax (784-10) or dropout-mlp
                      (784-256-256-10, dropout 0.2/0.5)          [default: mlp]
  --backend NAME      cpu, wasm or webgpu                        [default: wasm]
  --epochs N          passes over the training set               [default: 10]
  --lr X              learning rate of SGD         [default: 0.1; dropout-mlp 0.5]
  --batch-size N      examples per step                          [default: 256]
  --seed N            seed of the initial weights, shuffle and dropout [default: 0]
  --out DIR           output directory                  [default: runs/<model>]
  --init NAME         initial weights: d2l (N(0, 0.01²), zero biases), xavier
                      (Xavier-uniform) or pytorch (nn.Linear's U(±1/√in))
                                                                  [default: d2l]
  --data NAME         fashion-mnist or mnist             [default: fashion-mnist]
  --limit N           use only the first N images of each class (quick runs)
  --cache-dir DIR     where the converted data set is cached
                      [default: $WEBGRAD_CACHE_DIR or node_modules/.cache/webgrad]
  -h, --help          show this message
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}

function integer(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = /^[+]?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer >= ${min}; got '${value}'`);
  return n;
}

function positiveNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} must be a positive number; got '${value}'`);
  return n;
}

export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        backend: { type: 'string' },
        model: { type: 'string' },
        data: { type: 'string' },
        init: { type: 'string' },
        epochs: { type: 'string' },
        lr: { type: 'string' },
        'batch-size': { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        limit: { type: 'string' },
        'cache-dir': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const str = (name: string) => values[name] as string | undefined;
  const model = choice('model', str('model'), MODELS, 'mlp');
  const out = str('out');
  if (out !== undefined && out.trim() === '') throw new UsageError('--out must name a directory');
  const cacheDir = str('cache-dir');
  if (cacheDir !== undefined && cacheDir.trim() === '') throw new UsageError('--cache-dir must name a directory');
  return {
    help: values.help === true,
    backend: choice('backend', str('backend'), BACKENDS, 'wasm'),
    model,
    data: choice('data', str('data'), DATASETS, 'fashion-mnist'),
    init: choice('init', str('init'), INITS, 'd2l'),
    epochs: integer('epochs', str('epochs'), 10, 1),
    lr: positiveNumber('lr', str('lr'), DEFAULT_LR[model]),
    batchSize: integer('batch-size', str('batch-size'), 256, 1),
    seed: integer('seed', str('seed'), 0, 0),
    out: out ?? `runs/${model}`,
    limit: str('limit') === undefined ? null : integer('limit', str('limit'), 0, 1),
    cacheDir: cacheDir ?? null,
  };
}
