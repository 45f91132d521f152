/**
 * Which matmul kernel (kernels/matmul.wgsl) runs, and with what tiles. 'tiled' stages TM x TK and
 * TK x TN slices in workgroup memory (the usual choice on GPUs); 'direct' skips workgroup memory and
 * multiplies register blocks straight from the operands, which is faster where WebGPU is emulated on
 * a CPU (SwiftShader, llvmpipe), where every workgroup barrier is a costly thread switch.
 */
import type { MatmulArgs } from '../backend.js';
import { ResourceLimitError, ValueError } from '../errors.js';
import type { KernelName } from './kernel-specs.js';
import type { Constants } from './wgsl-builder.js';

export type MatmulConfig =
  /** TM x TN outputs per workgroup of (TM / 4) x (TN / 4) invocations; K in slices of TK. */
  | { kernel: 'tiled'; TM: number; TN: number; TK: number }
  /** Invocations of RB x CB 4 x 4 blocks, (TM / 4) x (TN / 4) invocations per workgroup. */
  | { kernel: 'direct'; TM: number; TN: number; RB: 1 | 2; CB: 1 | 2 };

export const TILED_MATMUL: MatmulConfig = { kernel: 'tiled', TM: 64, TN: 64, TK: 16 };
export const DIRECT_MATMUL: MatmulConfig = { kernel: 'direct', TM: 32, TN: 32, RB: 2, CB: 2 };

/** For devices whose workgroup limits are below what the others need (16 invocations). */
const SMALL_DIRECT_MATMUL: MatmulConfig = { kernel: 'direct', TM: 16, TN: 16, RB: 2, CB: 2 };

/**
 * Checks a configuration: a ValueError for a malformed one (unknown kernel or key, tiles that are not
 * multiples of 4), a ResourceLimitError for one over the device's workgroup limits.
 */
export function checkMatmulConfig(config: MatmulConfig, limits: GPUSupportedLimits): void {
  const where = `matmul configuration ${JSON.stringify(config)}`;
  if (!config || typeof config !== 'object') throw new ValueError(`${where}: expected an object`);
  const keys = config.kernel === 'tiled' ? ['kernel', 'TM', 'TN', 'TK'] : config.kernel === 'direct' ? ['kernel', 'TM', 'TN', 'RB', 'CB'] : null;
  if (!keys) throw new ValueError(`${where}: kernel must be 'tiled' or 'direct'`);
  for (const key of Object.keys(config)) if (!keys.includes(key)) throw new ValueError(`${where}: unknown key '${key}' (known: ${keys.join(', ')})`);
  const problem = matmulConfigProblem(config, limits);
  if (problem) throw new (problem.limit ? ResourceLimitError : ValueError)(`${where}: ${problem.message}`);
}

/** Why `config` cannot run on a device with these limits (limit: over a device limit), or null when it can. */
function matmulConfigProblem(config: MatmulConfig, limits: GPUSupportedLimits): { message: string; limit: boolean } | null {
  const value = (message: string) => ({ message, limit: false });
  const limit = (message: string) => ({ message, limit: true });
  const { TM, TN } = config;
  if (!(TM > 0 && TN > 0 && TM % 4 === 0 && TN % 4 === 0)) return value(`TM ${TM} and TN ${TN} must be positive multiples of 4`);
  if (config.kernel === 'tiled' && !(config.TK > 0 && config.TK % 4 === 0)) return value(`TK ${config.TK} must be a positive multiple of 4`);
  if (config.kernel === 'direct' && !([1, 2].includes(config.RB) && [1, 2].includes(config.CB)))
    return value(`RB ${config.RB} and CB ${config.CB} must be 1 or 2`);
  const invocations = (TM / 4) * (TN / 4);
  if (invocations > limits.maxComputeInvocationsPerWorkgroup)
    return limit(`${invocations} invocations per workgroup exceed maxComputeInvocationsPerWorkgroup (${limits.maxComputeInvocationsPerWorkgroup})`);
  if (TN / 4 > limits.maxComputeWorkgroupSizeX || TM / 4 > limits.maxComputeWorkgroupSizeY)
    return limit(`a ${TN / 4}×${TM / 4} workgroup exceeds maxComputeWorkgroupSizeX/Y (${limits.maxComputeWorkgroupSizeX}, ${limits.maxComputeWorkgroupSizeY})`);
  if (config.kernel === 'tiled') {
    const bytes = config.TK * (TM + TN) * 4;
    if (bytes > limits.maxComputeWorkgroupStorageSize)
      return limit(`${bytes} bytes of workgroup memory exceed maxComputeWorkgroupStorageSize (${limits.maxComputeWorkgroupStorageSize})`);
  }
  return null;
}

/** 'direct' on CPU-emulated adapters, 'tiled' elsewhere, within the device's workgroup limits. */
export function defaultMatmulConfig(emulated: boolean, limits: GPUSupportedLimits): MatmulConfig {
  const preferred = emulated ? DIRECT_MATMUL : TILED_MATMUL;
  return matmulConfigProblem(preferred, limits) === null ? preferred : SMALL_DIRECT_MATMUL;
}

export interface MatmulPlan {
  kernel: KernelName;
  constants: Constants;
  /** Workgroups: the tiles of one product times the batch. */
  groups: number;
}

export function planMatmul(config: MatmulConfig, args: MatmulArgs): MatmulPlan {
  const { m, n, k, transA, transB, bias, relu } = args;
  const flags = {
    TRANS_A: transA, TRANS_B: transB,
    A_VEC: (transA ? m : k) % 4 === 0, B_VEC: (transB ? k : n) % 4 === 0,
    HAS_BIAS: bias !== null, RELU: relu,
  };
  const { TM, TN } = config;
  const [TK, RB, CB] = config.kernel === 'tiled' ? [config.TK, 1, 1] : [4, config.RB, config.CB];
  return {
    kernel: config.kernel === 'tiled' ? 'matmulTiled' : 'matmulDirect',
    constants: { WG: (TM / 4) * (TN / 4), TM, TN, TK, RB, CB, ...flags },
    groups: Math.ceil(n / (TN * CB)) * Math.ceil(m / (TM * RB)) * args.batch,
  };
}
