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

/** 'direct' on CPU-emulated adapters, 'tiled' elsewhere. */
export function defaultMatmulConfig(emulated: boolean): MatmulConfig {
  return emulated ? DIRECT_MATMUL : TILED_MATMUL;
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
