/**
 * Which matmul kernel (kernels/matmul.wgsl) runs, and with what tiles. 'tiled' stages TM x TK and
 * TK x TN slices in workgroup memory (the usual choice on GPUs); 'direct' skips workgroup memory and
 * multiplies register blocks straight from the operands, which is faster where WebGPU is emulated on
 * a CPU (SwiftShader, llvmpipe), where every workgroup barrier is a costly thread switch.
 */
import type { MatmulArgs } from '../backend.js';
import type { KernelSpec } from './pipeline-cache.js';

export type MatmulConfig =
  /** TM x TN outputs per workgroup of (TM / 4) x (TN / 4) invocations; K in slices of TK. */
  | { kernel: 'tiled'; TM: number; TN: number; TK: number }
  /** Invocations of RB x CB 4 x 4 blocks, (TM / 4) x (TN / 4) invocations per workgroup. */
  | { kernel: 'direct'; TM: number; TN: number; RB: 1 | 2; CB: 1 | 2 };

export const TILED_MATMUL: MatmulConfig = { kernel: 'tiled', TM: 64, TN: 64, TK: 16 };
export const DIRECT_MATMUL: MatmulConfig = { kernel: 'direct', TM: 32, TN: 32, RB: 2, CB: 2 };

/** For devices whose workgroup limits are below what the others need (16 invocations). */
const SMALL_DIRECT_MATMUL: MatmulConfig = { kernel: 'direct', TM: 16, TN: 16, RB: 2, CB: 2 };

/** Why `config` cannot run on a device with these limits, or null when it can. */
export function matmulConfigProblem(config: MatmulConfig, limits: GPUSupportedLimits): string | null {
  const { TM, TN } = config;
  if (!(TM > 0 && TN > 0 && TM % 4 === 0 && TN % 4 === 0)) return `TM ${TM} and TN ${TN} must be positive multiples of 4`;
  if (config.kernel === 'tiled' && !(config.TK > 0 && config.TK % 4 === 0)) return `TK ${config.TK} must be a positive multiple of 4`;
  if (config.kernel === 'direct' && !([1, 2].includes(config.RB) && [1, 2].includes(config.CB)))
    return `RB ${config.RB} and CB ${config.CB} must be 1 or 2`;
  const invocations = (TM / 4) * (TN / 4);
  if (invocations > limits.maxComputeInvocationsPerWorkgroup)
    return `${invocations} invocations per workgroup exceed maxComputeInvocationsPerWorkgroup (${limits.maxComputeInvocationsPerWorkgroup})`;
  if (TN / 4 > limits.maxComputeWorkgroupSizeX || TM / 4 > limits.maxComputeWorkgroupSizeY)
    return `a ${TN / 4}×${TM / 4} workgroup exceeds maxComputeWorkgroupSizeX/Y (${limits.maxComputeWorkgroupSizeX}, ${limits.maxComputeWorkgroupSizeY})`;
  if (config.kernel === 'tiled') {
    const bytes = config.TK * (TM + TN) * 4;
    if (bytes > limits.maxComputeWorkgroupStorageSize)
      return `${bytes} bytes of workgroup memory exceed maxComputeWorkgroupStorageSize (${limits.maxComputeWorkgroupStorageSize})`;
  }
  return null;
}

/** 'direct' on CPU-emulated adapters, 'tiled' elsewhere, within the device's workgroup limits. */
export function defaultMatmulConfig(emulated: boolean, limits: GPUSupportedLimits): MatmulConfig {
  const preferred = emulated ? DIRECT_MATMUL : TILED_MATMUL;
  return matmulConfigProblem(preferred, limits) === null ? preferred : SMALL_DIRECT_MATMUL;
}

export interface MatmulPlan {
  spec: KernelSpec;
  /** Workgroups along N and along M. */
  grid: [number, number];
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
    spec: {
      sources: ['matmul'],
      entryPoint: config.kernel === 'tiled' ? 'matmul' : 'matmul_direct',
      constants: { TM, TN, TK, RB, CB, ...flags },
    },
    grid: [Math.ceil(n / (TN * CB)), Math.ceil(m / (TM * RB))],
  };
}
