/** Elementwise WebGPU kernels: fill, the op table's unary and binary ops, the strided copy, dropout. */
import type { BinaryOp, BroadcastLayout, DropoutArgs, Storage, StridedLayout, UnaryOp } from '../backend.js';
import { forEachLeadingIndex, type KernelContext } from './context.js';

/** Shapes and strides of up to eight dimensions travel in the uniforms; more are split on the host. */
const MAX_RANK = 8;

function groups(ctx: KernelContext, invocations: number): number {
  return Math.ceil(invocations / ctx.elementWorkgroup);
}

export function fill(ctx: KernelContext, out: Storage, value: number, length: number): void {
  ctx.dispatcher.run('fill', { WG: ctx.elementWorkgroup }, { n: length, value }, { out }, groups(ctx, length));
}

export function unary(ctx: KernelContext, op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number, beta: number): void {
  ctx.dispatcher.run('unary', { WG: ctx.elementWorkgroup }, { n: length, alpha, beta }, { x, out }, groups(ctx, length), op);
}

export function binary(
  ctx: KernelContext, op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout, alpha: number, beta: number,
): void {
  forEachLeadingIndex(layout.shape, layout.strides, MAX_RANK, (shape, [aStrides, bStrides], [aOffset, bOffset], first) => {
    const n = shape.reduce((x, y) => x * y, 1);
    const values = {
      n, a_offset: aOffset, b_offset: bOffset, out_offset: first, alpha, beta, shape, a_strides: aStrides, b_strides: bStrides,
    };
    ctx.dispatcher.run('binary', { WG: ctx.elementWorkgroup, RANK: shape.length }, values, { a, b, out }, groups(ctx, n), op);
  });
}

export function stridedCopy(ctx: KernelContext, x: Storage, out: Storage, layout: StridedLayout): void {
  const strides = [layout.inStrides, layout.outStrides];
  forEachLeadingIndex(layout.shape, strides, MAX_RANK, (shape, [inStrides, outStrides], [inOffset, outOffset]) => {
    const n = shape.reduce((p, q) => p * q, 1);
    const values = {
      n, in_offset: layout.inOffset + inOffset, out_offset: layout.outOffset + outOffset, shape, in_strides: inStrides, out_strides: outStrides,
    };
    ctx.dispatcher.run('stridedCopy', { WG: ctx.elementWorkgroup, RANK: shape.length }, values, { x, out }, groups(ctx, n));
  });
}

export function dropout(ctx: KernelContext, x: Storage, out: Storage, length: number, args: DropoutArgs): void {
  const values = {
    n: length, threshold: args.threshold, seed_lo: args.seedLo, seed_hi: args.seedHi, offset: args.offset, scale: args.scale,
  };
  ctx.dispatcher.run('dropout', { WG: ctx.elementWorkgroup }, values, { x, out }, groups(ctx, Math.ceil(length / 4)));
}
