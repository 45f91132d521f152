/**
 * Reuses freed storage buffers by size class. The pool holds at most `capBytes` of idle buffers;
 * a buffer released past the cap is destroyed instead (through `destroy`, which defers until no
 * pending command uses it).
 */
import { STORAGE_USAGE } from './gpu-flags.js';

export interface PoolStats {
  /** Idle buffers held for reuse, and their bytes. */
  pooledBuffers: number;
  pooledBytes: number;
  capBytes: number;
  /** Buffers created, handed out again from the pool, and destroyed past the cap, since creation. */
  created: number;
  reused: number;
  destroyed: number;
}

/** Smallest size class holding `bytes`: 16-byte aligned, at most 25 % above the request. */
export function sizeClass(bytes: number, maxBytes: number): number {
  const aligned = Math.max(16, Math.ceil(bytes / 16) * 16);
  const power = 2 ** Math.floor(Math.log2(aligned));
  const step = Math.max(16, power / 4);
  const rounded = Math.ceil(aligned / step) * step;
  return rounded <= maxBytes ? rounded : aligned;
}

export class BufferPool {
  private readonly idle = new Map<number, GPUBuffer[]>();
  private pooledBuffers = 0;
  private pooledBytes = 0;
  private created = 0;
  private reused = 0;
  private destroyed = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly capBytes: number,
    private readonly maxBytes: number,
    private readonly destroy: (buffer: GPUBuffer) => void,
  ) {}

  /** A buffer of at least `bytes` (callers check `bytes` against the device limits first). */
  acquire(bytes: number): GPUBuffer {
    const size = sizeClass(bytes, this.maxBytes);
    const buffer = this.idle.get(size)?.pop();
    if (buffer) {
      this.pooledBuffers--;
      this.pooledBytes -= size;
      this.reused++;
      return buffer;
    }
    this.created++;
    return this.device.createBuffer({ size, usage: STORAGE_USAGE });
  }

  release(buffer: GPUBuffer): void {
    const size = buffer.size;
    if (this.pooledBytes + size > this.capBytes) {
      this.destroyed++;
      this.destroy(buffer);
      return;
    }
    let list = this.idle.get(size);
    if (!list) this.idle.set(size, (list = []));
    list.push(buffer);
    this.pooledBuffers++;
    this.pooledBytes += size;
  }

  /** Destroys every idle buffer. */
  clear(): void {
    for (const list of this.idle.values()) for (const buffer of list) this.destroy(buffer);
    this.idle.clear();
    this.pooledBuffers = 0;
    this.pooledBytes = 0;
  }

  stats(): PoolStats {
    return {
      pooledBuffers: this.pooledBuffers, pooledBytes: this.pooledBytes, capBytes: this.capBytes,
      created: this.created, reused: this.reused, destroyed: this.destroyed,
    };
  }
}
