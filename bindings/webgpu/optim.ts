/** Optimiser updates on WebGPU. */
import type { AdamArgs, SgdArgs, Storage } from '../backend.js';
import type { KernelContext } from './context.js';

const UNUSED = { beta1: 0, beta2: 0, eps: 0, bias_correction1: 1, bias_correction2: 1 };

export function sgdUpdate(ctx: KernelContext, param: Storage, grad: Storage, velocity: Storage | null, length: number, args: SgdArgs): void {
  const momentum = velocity !== null && args.momentum !== 0;
  const values = { n: length, lr: args.lr, weight_decay: args.weightDecay, momentum: args.momentum, ...UNUSED };
  ctx.dispatcher.run('optimizer', { WG: ctx.elementWorkgroup, ADAM: false, MOMENTUM: momentum }, values,
    { param, grad, state1: momentum ? velocity : null, state2: null }, Math.ceil(length / ctx.elementWorkgroup));
}

export function adamUpdate(ctx: KernelContext, param: Storage, grad: Storage, m: Storage, v: Storage, length: number, args: AdamArgs): void {
  const values = {
    n: length, lr: args.lr, weight_decay: args.weightDecay, momentum: 0, beta1: args.beta1, beta2: args.beta2, eps: args.eps,
    bias_correction1: args.biasCorrection1, bias_correction2: args.biasCorrection2,
  };
  ctx.dispatcher.run('optimizer', { WG: ctx.elementWorkgroup, ADAM: true, MOMENTUM: false }, values,
    { param, grad, state1: m, state2: v }, Math.ceil(length / ctx.elementWorkgroup));
}
