/** The matmul on WebGPU: the kernel and tiles of matmul-plan.ts, batches in one grid. */
import type { MatmulArgs, Storage } from '../backend.js';
import type { BufferPool } from './buffer-pool.js';
import type { CommandRecorder } from './command-recorder.js';
import type { KernelContext } from './context.js';
import { planMatmul } from './matmul-plan.js';

/**
 * A matmul operand as a buffer whose size is a multiple of 16 bytes (the kernel reads vec4s): pool
 * buffers are; a wrapped buffer that is not is copied into a pool buffer, released afterwards.
 */
function vec4Operand(buffer: GPUBuffer, pool: BufferPool, recorder: CommandRecorder, scratch: GPUBuffer[]): GPUBuffer {
  if (buffer.size % 16 === 0) return buffer;
  const copy = pool.acquire(buffer.size);
  recorder.copy(buffer, copy, buffer.size - (buffer.size % 4));
  scratch.push(copy);
  return copy;
}

export function matmul(
  ctx: KernelContext, pool: BufferPool, recorder: CommandRecorder, a: Storage, b: Storage, c: Storage, args: MatmulArgs,
): void {
  const { m, n, k, bias, batch, aBatchStride, bBatchStride } = args;
  if (m === 0 || n === 0 || batch === 0) return;
  const plan = planMatmul(ctx.matmulConfig, args);
  const d = ctx.dispatcher;
  const scratch: GPUBuffer[] = [];
  try {
    const bound = {
      a: vec4Operand(d.buffer(a), pool, recorder, scratch), b: vec4Operand(d.buffer(b), pool, recorder, scratch),
      bias, c,
    };
    d.run(plan.kernel, plan.constants, { m, n, k, batch, a_stride: aBatchStride, b_stride: bBatchStride }, bound, plan.groups);
  } finally {
    for (const buffer of scratch) pool.release(buffer);
  }
}
