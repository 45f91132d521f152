/** Command-line options of `npm run bench`. */
import type { BenchCase } from './cases.js';

/** A bad command line: reported with the usage text, without a stack trace. */
export class UsageError extends Error {}

export interface BenchArgs {
  /** The webgrad backend compared with the peers: wasm (with the cpu reference beside it) or webgpu. */
  backend: 'wasm' | 'webgpu' | 'cpu';
  /** Case filters: a kind (matmul, softmax, ce) or part of a case id (mlp, 1024, dW1). */
  only: string[];
  quick: boolean;
  json: string | null;
  /** Repetitions of the whole suite; each figure is the median of the runs' medians. */
  runs: number;
  /** WebGPU: operations enqueued per timed run before one readback of the last result. */
  chain: number;
  peers: string[];
  cpu: boolean;
  maxTime: number;
  minSamples: number;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
       npm run bench -- parity [--help]       PyTorch parity of the softmax regression and MLP recipes
       npm run bench -- epoch-time [--runs N] seconds per MLP epoch: webgrad wasm, tfjs-wasm, jax-js
       npm run bench -- webgpu-steps          the MLP's first 50 step losses on WebGPU against wasm
options of the kernel bench:
  --backend wasm|webgpu|cpu  webgrad backend to measure (default wasm, with the cpu reference beside it)
  --only LIST                comma-separated cases: matmul, softmax, ce, or part of a case id (mlp, 512, dW1)
  --quick                    short sampling (0.2 s per measurement), for development
  --runs N                   run the suite N times and report the median of the N medians (default 1)
  --peers LIST               peers to run: tfjs,jax (default), or none
  --no-cpu                   leave out the cpu reference backend
  --max-time S               seconds of sampling per measurement (default 1.5)
  --min-samples N            fewest samples per measurement (default 5; 3 with --quick)
  --chain N                  WebGPU: N operations per timed run, then one readback (default 1)
  --json FILE                also write one record per (kernel, shape, backend or peer) to FILE
WebGPU without a GPU: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json npm run bench -- --backend webgpu`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    backend: 'wasm', only: [], quick: false, json: null, runs: 1, chain: 1, peers: ['tfjs', 'jax'], cpu: true,
    maxTime: 1.5, minSamples: 5, help: false,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  let maxTimeGiven = false;
  let minSamplesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--backend': {
        const v = value(i++, flag);
        if (v !== 'wasm' && v !== 'webgpu' && v !== 'cpu') throw new UsageError(`--backend must be wasm, webgpu or cpu, got ${v}`);
        args.backend = v;
        break;
      }
      case '--only':
        args.only.push(...value(i++, flag).split(',').filter(Boolean));
        break;
      case '--quick':
        args.quick = true;
        break;
      case '--json':
        args.json = value(i++, flag);
        break;
      case '--runs': {
        const n = Number(value(i++, flag));
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`--runs must be a positive integer`);
        args.runs = n;
        break;
      }
      case '--peers': {
        const v = value(i++, flag);
        args.peers = v === 'none' ? [] : v.split(',');
        for (const p of args.peers) if (p !== 'tfjs' && p !== 'jax') throw new UsageError(`unknown peer ${p} (tfjs, jax)`);
        break;
      }
      case '--no-cpu':
        args.cpu = false;
        break;
      case '--max-time': {
        const t = Number(value(i++, flag));
        if (!(t > 0)) throw new UsageError('--max-time must be a positive number of seconds');
        args.maxTime = t;
        maxTimeGiven = true;
        break;
      }
      case '--chain': {
        const n = Number(value(i++, flag));
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--chain must be a positive integer');
        args.chain = n;
        break;
      }
      case '--min-samples': {
        const n = Number(value(i++, flag));
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--min-samples must be a positive integer');
        args.minSamples = n;
        minSamplesGiven = true;
        break;
      }
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (args.quick) {
    if (!maxTimeGiven) args.maxTime = 0.2;
    if (!minSamplesGiven) args.minSamples = 3;
  }
  return args;
}

const KIND_ALIASES: Record<string, BenchCase['kind']> = {
  matmul: 'matmul', softmax: 'softmax', ce: 'crossEntropy', crossentropy: 'crossEntropy', 'cross-entropy': 'crossEntropy',
};

export function selectCases(cases: readonly BenchCase[], only: readonly string[]): BenchCase[] {
  if (only.length === 0) return [...cases];
  return cases.filter((c) =>
    only.some((f) => KIND_ALIASES[f.toLowerCase()] === c.kind || c.id.toLowerCase().includes(f.toLowerCase())));
}
