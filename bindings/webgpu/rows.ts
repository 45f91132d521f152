/** Row-shaped WebGPU kernels: reductions along an axis, argmax / argmin, softmax, cross-entropy. */
import type { ArgReduceOp, AxisLayout, ReduceOp, Storage } from '../backend.js';
import { REDUCE_OPS } from '../op-table/index.js';
import type { KernelContext } from './context.js';
import type { KernelName } from './kernel-specs.js';
import type { Bound } from './dispatcher.js';
import type { Constants, ParamValues } from './wgsl-builder.js';

/** Workgroup size of a row kernel: a power of two from 32 up to the row length, within the element workgroup. */
function rowWorkgroup(length: number, max: number): number {
  let size = Math.min(32, max);
  while (size < max && size < length) size *= 2;
  return size;
}

/**
 * Runs a row kernel: its workgroup entry point (one workgroup per row) or its serial one (one
 * invocation per row), as the context's row strategy says.
 */
function rowKernel(
  ctx: KernelContext, [workgroupKernel, serialKernel]: [KernelName, KernelName], constants: Constants,
  values: ParamValues, bound: Readonly<Record<string, Bound>>, rows: number, length: number, op?: string,
): void {
  if (ctx.rowStrategy === 'serial')
    ctx.dispatcher.run(serialKernel, { WG: ctx.elementWorkgroup, ...constants }, values, bound, Math.ceil(rows / ctx.elementWorkgroup), op);
  else ctx.dispatcher.run(workgroupKernel, { WG: rowWorkgroup(length, ctx.elementWorkgroup), ...constants }, values, bound, rows, op);
}

/** A reduction's layout: rows (inner = 1) may use workgroups; otherwise one invocation per output. */
function axisKernel(
  ctx: KernelContext, kernels: [KernelName, KernelName], constants: Constants, x: Storage, out: Storage, layout: AxisLayout,
): void {
  const { outer, length, inner } = layout;
  const values = { outer, length, inner };
  if (inner === 1) rowKernel(ctx, kernels, constants, values, { x, out }, outer, length);
  else ctx.dispatcher.run(kernels[1], { WG: ctx.elementWorkgroup, ...constants }, values, { x, out }, Math.ceil((outer * inner) / ctx.elementWorkgroup));
}

export function reduce(ctx: KernelContext, op: ReduceOp, x: Storage, out: Storage, layout: AxisLayout): void {
  axisKernel(ctx, ['reduceRows', 'reduceSerial'], { OP: REDUCE_OPS.indexOf(op), ARG_MAX: false }, x, out, layout);
}

export function argReduce(ctx: KernelContext, op: ArgReduceOp, x: Storage, out: Storage, layout: AxisLayout): void {
  axisKernel(ctx, ['argReduceRows', 'argReduceSerial'], { OP: 0, ARG_MAX: op === 'argmax' }, x, out, layout);
}

export function softmax(ctx: KernelContext, x: Storage, out: Storage, rows: number, cols: number, log: boolean): void {
  rowKernel(ctx, ['softmaxRows', 'softmaxSerial'], { LOG: log }, { rows, cols }, { x, out }, rows, cols);
}

export function crossEntropy(
  ctx: KernelContext, logits: Storage, labels: Storage, loss: Storage, grad: Storage | null,
  rows: number, cols: number, gradScale: number,
): void {
  const bound = { x: logits, labels, loss, grad };
  rowKernel(ctx, ['crossEntropyRows', 'crossEntropySerial'], { GRAD: grad !== null }, { rows, cols, grad_scale: gradScale }, bound, rows, cols);
}
