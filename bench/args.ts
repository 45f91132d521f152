/** Command-line options of `npm run bench`. */
import type { BenchCase } from './cases.js';
import { READ_TARGET_MODES, type ReadTargetMode } from './subjects/webgrad-read.js';

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
  /** Thread counts asked of the webgrad wasm backend, one subject each. */
  threads: number[];
  /** Thread counts of onnxruntime-web, one subject (in its own worker thread) each. */
  ortThreads: number[];
  /** Whether webgrad reads into a reused target array (auto: where the build's Tensor takes one). */
  readTarget: ReadTargetMode;
  /** Also time each case without the read. */
  kernelOnly: boolean;
  cpu: boolean;
  maxTime: number;
  minSamples: number;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
       npm run bench -- parity [--help]       PyTorch parity of the softmax regression and MLP recipes
       npm run bench -- epoch-time [--help]   seconds per MLP epoch: webgrad wasm, tfjs-wasm, jax-js, PyTorch
       npm run bench -- webgpu-steps          the MLP's first 50 step losses on WebGPU against wasm
       npm run bench -- processes N [options] the kernel bench in N processes: min / median / max of each figure
       npm run bench -- read [--help]         reading a result (dataSync, data) against a plain typed-array copy
       npm run bench -- scaling [--help]      this machine's ceiling: one-thread kernels in 1 and N workers at once
       npm run bench -- peak [--rounds N]     the one-thread matmul kernel as a fraction of the SIMD128 peak
options of the kernel bench:
  --backend wasm|webgpu|cpu  webgrad backend to measure (default wasm, with the cpu reference beside it)
  --only LIST                comma-separated cases: matmul, softmax, ce, or part of a case id (mlp, 512, dW1)
  --quick                    short sampling (0.2 s per measurement), for development
  --runs N                   run the suite N times and report the median of the N medians (default 1)
  --peers LIST               peers to run: tfjs,jax,ort (default), or none
  --threads LIST             webgrad wasm: one subject per thread count, createWasmBackend({ threads }) (default 1)
  --ort-threads LIST         onnxruntime-web: one subject per thread count (default 1,2)
  --read-target auto|on|off  webgrad reads into a target array reused across runs (default auto: where supported)
  --no-kernel-only           time only with the read (halves the time)
  --no-cpu                   leave out the cpu reference backend
  --max-time S               seconds of sampling per measurement (default 1)
  --min-samples N            fewest samples per measurement (default 5; 3 with --quick)
  --chain N                  WebGPU: N operations per timed run, then one readback (default 1)
  --json FILE                also write one record per (kernel, shape, backend or peer) to FILE
WebGPU without a GPU: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json npm run bench -- --backend webgpu`;

const PEERS = ['tfjs', 'jax', 'ort'];

/** A comma-separated list of distinct positive integers. */
export function threadList(text: string, flag: string): number[] {
  const counts = text.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError(`${flag} takes positive integers, got ${text}`);
  return [...new Set(counts)];
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    backend: 'wasm', only: [], quick: false, json: null, runs: 1, chain: 1, peers: [...PEERS], threads: [1], ortThreads: [1, 2],
    readTarget: 'auto', kernelOnly: true, cpu: true,
    maxTime: 1, minSamples: 5, help: false,
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
        for (const p of args.peers) if (!PEERS.includes(p)) throw new UsageError(`unknown peer ${p} (${PEERS.join(', ')})`);
        break;
      }
      case '--threads':
        args.threads = threadList(value(i++, flag), flag);
        break;
      case '--ort-threads':
        args.ortThreads = threadList(value(i++, flag), flag);
        break;
      case '--read-target': {
        const v = value(i++, flag);
        if (!(READ_TARGET_MODES as readonly string[]).includes(v)) throw new UsageError(`--read-target must be auto, on or off, got ${v}`);
        args.readTarget = v as ReadTargetMode;
        break;
      }
      case '--no-kernel-only':
        args.kernelOnly = false;
        break;
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
  step: 'mlpStep', 'mlp-step': 'mlpStep',
};

export function selectCases(cases: readonly BenchCase[], only: readonly string[]): BenchCase[] {
  if (only.length === 0) return [...cases];
  return cases.filter((c) =>
    only.some((f) => KIND_ALIASES[f.toLowerCase()] === c.kind || c.id.toLowerCase().includes(f.toLowerCase())));
}
