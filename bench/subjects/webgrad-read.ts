/**
 * How the webgrad subjects read results: `dataSync(target)` / `await data(target)` into a buffer
 * reused across runs where the Tensor takes a preallocated target (allocation-free reads), else
 * plain `dataSync()` / `await data()`. `--read-target auto|on|off` picks; auto follows the build.
 */
import { Tensor } from '../../bindings/index.js';

export type ReadTargetMode = 'auto' | 'on' | 'off';
export const READ_TARGET_MODES: readonly ReadTargetMode[] = ['auto', 'on', 'off'];

type SyncRead = (this: Tensor, target?: Float32Array) => Float32Array;
type AsyncRead = (this: Tensor, target?: Float32Array) => Promise<Float32Array>;

/** Whether this build's reads declare a target parameter (`dataSync(target?)`, `data(target?)`). */
export function readTargetSupport(): { sync: boolean; async: boolean } {
  return { sync: Tensor.prototype.dataSync.length >= 1, async: Tensor.prototype.data.length >= 1 };
}

/** Reads tensors into JS typed arrays, one reused buffer per slot (a result position in the case) when targets are on. */
export class TensorReader {
  private readonly buffers = new Map<string, Float32Array>();

  private constructor(readonly useTarget: boolean, readonly description: string) {}

  /** The reader for `mode` on a synchronous or asynchronous backend; throws when `on` is asked of a build without targets. */
  static create(mode: ReadTargetMode, sync: boolean): TensorReader {
    const supported = sync ? readTargetSupport().sync : readTargetSupport().async;
    const call = sync ? 'dataSync' : 'await data';
    if (mode === 'on' && !supported)
      throw new Error(`--read-target on: this build's Tensor.${sync ? 'dataSync' : 'data'}() takes no target array`);
    const useTarget = mode === 'on' || (mode === 'auto' && supported);
    return new TensorReader(useTarget, useTarget ? `${call}(target), one target reused across runs` : `${call}()`);
  }

  private target(t: Tensor, slot: string): Float32Array {
    let buffer = this.buffers.get(slot);
    if (!buffer || buffer.length !== t.size) this.buffers.set(slot, (buffer = new Float32Array(t.size)));
    return buffer;
  }

  readSync(t: Tensor, slot: string): Float32Array {
    if (!this.useTarget) return t.dataSync();
    const target = this.target(t, slot);
    return (t.dataSync as SyncRead).call(t, target) ?? target;
  }

  async read(t: Tensor, slot: string): Promise<Float32Array> {
    if (!this.useTarget) return t.data();
    const target = this.target(t, slot);
    return (await (t.data as AsyncRead).call(t, target)) ?? target;
  }
}

/** Drops a read's values, keeping it synchronous where it was. */
export function discard(values: Float32Array[] | Promise<Float32Array[]>): void | Promise<void> {
  return values instanceof Promise ? values.then(() => undefined) : undefined;
}
