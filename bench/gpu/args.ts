/** Command-line options of `npm run bench:gpu`. */
import { UsageError, selectCases } from '../args.js';
import type { BenchCase } from '../cases.js';
import { READ_TARGET_MODES, type ReadTargetMode } from '../subjects/webgrad-read.js';
import { GPU_CASES, QUICK_GPU_CASES } from './cases.js';

export interface GpuBenchArgs {
  quick: boolean;
  /** Folder for the JSON and markdown results. */
  out: string;
  only: string[];
  peers: string[];
  /** Operations (or training steps) per timed run, then one read or wait. */
  chain: number;
  maxTime: number;
  minSamples: number;
  maxSamples: number;
  kernelOnly: boolean;
  readTarget: ReadTargetMode;
  /** Seconds a subject may take over one case before it is given up. */
  caseTimeout: number;
  help: boolean;
}

export const GPU_USAGE = `usage: npm run bench:gpu -- [options]
webgrad's WebGPU backend beside tfjs-webgpu and jax-js on large shapes, with the adapter Dawn found.
  --quick                    tiny shapes, few samples (CPU emulation, CI): well under a minute on SwiftShader
  --out DIR                  write bench-gpu.json and bench-gpu.md there (default bench/results/gpu-<date>)
  --only LIST                comma-separated cases: matmul, softmax, ce, step, or part of a case id (4096, dW1)
  --peers LIST               tfjs,jax (default), or none
  --chain N                  operations (training steps) per timed run, then one read or wait (default 10; 2 with --quick)
  --max-time S               seconds of sampling per measurement (default 1; 0.05 with --quick)
  --min-samples N            fewest samples per measurement (default 3; 2 with --quick)
  --max-samples N            most samples per measurement: bounds the device waits (default 30; 3 with --quick)
  --case-timeout S           seconds one subject may spend on one case before it is given up (default 120)
  --no-kernel-only           time only with the read
  --read-target auto|on|off  webgrad reads into a reused target array (default auto)
The adapter is whichever Dawn finds through the Vulkan loader: on an NVIDIA machine the environment's
VK_ICD_FILENAMES / VK_DRIVER_FILES name the NVIDIA ICD; without a GPU set
VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json (figures then show relative standing only).`;

function defaultOut(): string {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `bench/results/gpu-${stamp}`;
}

export function parseGpuArgs(argv: readonly string[]): GpuBenchArgs {
  const args: GpuBenchArgs = {
    quick: false, out: '', only: [], peers: ['tfjs', 'jax'], chain: 10, maxTime: 1, minSamples: 3, maxSamples: 30,
    kernelOnly: true, readTarget: 'auto', caseTimeout: 120, help: false,
  };
  const given = new Set<string>();
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    given.add(flag);
    return v;
  };
  const positive = (text: string, flag: string, integer: boolean): number => {
    const n = Number(text);
    if (!(n > 0) || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} must be a positive ${integer ? 'integer' : 'number'}, got ${text}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--quick': args.quick = true; break;
      case '--out': args.out = value(i++, flag); break;
      case '--only': args.only.push(...value(i++, flag).split(',').filter(Boolean)); break;
      case '--peers': {
        const v = value(i++, flag);
        args.peers = v === 'none' ? [] : v.split(',');
        for (const p of args.peers) if (p !== 'tfjs' && p !== 'jax') throw new UsageError(`unknown peer ${p} (tfjs, jax)`);
        break;
      }
      case '--chain': args.chain = positive(value(i++, flag), flag, true); break;
      case '--max-time': args.maxTime = positive(value(i++, flag), flag, false); break;
      case '--min-samples': args.minSamples = positive(value(i++, flag), flag, true); break;
      case '--max-samples': args.maxSamples = positive(value(i++, flag), flag, true); break;
      case '--case-timeout': args.caseTimeout = positive(value(i++, flag), flag, false); break;
      case '--no-kernel-only': args.kernelOnly = false; break;
      case '--read-target': {
        const v = value(i++, flag);
        if (!(READ_TARGET_MODES as readonly string[]).includes(v)) throw new UsageError(`--read-target must be auto, on or off, got ${v}`);
        args.readTarget = v as ReadTargetMode;
        break;
      }
      case '--help': case '-h': args.help = true; break;
      default: throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (args.quick) {
    if (!given.has('--chain')) args.chain = 2;
    if (!given.has('--max-time')) args.maxTime = 0.05;
    if (!given.has('--min-samples')) args.minSamples = 2;
    if (!given.has('--max-samples')) args.maxSamples = 3;
  }
  if (args.minSamples > args.maxSamples) throw new UsageError('--min-samples must not exceed --max-samples');
  if (!args.out) args.out = defaultOut();
  return args;
}

/** The cases a command line selects. */
export function gpuCases(args: GpuBenchArgs): BenchCase[] {
  const cases = selectCases(args.quick ? QUICK_GPU_CASES : GPU_CASES, args.only);
  if (cases.length === 0) throw new UsageError(`--only ${args.only.join(',')} matches no case`);
  return cases;
}

