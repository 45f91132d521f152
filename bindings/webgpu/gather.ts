/** Gather and scatter-add along an axis on WebGPU. */
import type { GatherArgs, Storage } from '../backend.js';
import type { KernelContext } from './context.js';

function values({ outer, length, inner, count, indexStrides: [s0, s1, s2] }: GatherArgs) {
  return { outer, length, inner, count, s0, s1, s2 };
}

export function gather(ctx: KernelContext, x: Storage, index: Storage, out: Storage, args: GatherArgs): void {
  const n = args.outer * args.count * args.inner;
  ctx.dispatcher.run('gather', { WG: ctx.elementWorkgroup }, values(args), { source: x, index, out }, Math.ceil(n / ctx.elementWorkgroup));
}

/** One invocation per element of out, so the kernel reads and writes out: it is bound once, read_write. */
export function scatterAdd(ctx: KernelContext, src: Storage, index: Storage, out: Storage, args: GatherArgs): void {
  const n = args.outer * args.length * args.inner;
  ctx.dispatcher.run('scatterAdd', { WG: ctx.elementWorkgroup }, values(args), { source: src, index, out }, Math.ceil(n / ctx.elementWorkgroup));
}
