import { ResourceLimitError } from '../errors.js';

/** Blocks are 16-byte aligned so that every storage starts on a v128 boundary. */
export const ALIGNMENT = 16;
const PAGE_BYTES = 65536;

interface Block {
  offset: number;
  size: number;
}

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGNMENT) * ALIGNMENT;
}

/**
 * A first-fit free-list allocator over [start, memory end) of a WebAssembly.Memory. Freed blocks
 * are kept sorted by address and coalesced with free neighbours; when nothing fits, the memory grows.
 * Only offsets are handed out: callers derive typed-array views after every allocation, since a
 * growth detaches the old ArrayBuffer.
 */
export class Arena {
  private readonly freeBlocks: Block[] = [];
  /** End of the highest block ever handed out; everything above is untouched. */
  private top: number;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly start: number,
    private readonly limitBytes: number,
  ) {
    this.top = alignUp(start);
  }

  /** Bytes of linear memory the heap holds from the host, live or free. */
  get reservedBytes(): number {
    return this.memory.buffer.byteLength - this.start;
  }

  /** Number of free blocks (for tests of coalescing). */
  get freeBlockCount(): number {
    return this.freeBlocks.length;
  }

  /** The size in bytes a request of `bytes` occupies. */
  static blockSize(bytes: number): number {
    return Math.max(ALIGNMENT, alignUp(bytes));
  }

  /** Returns the offset of a block of at least `bytes` bytes, 16-byte aligned. */
  alloc(bytes: number): number {
    const size = Arena.blockSize(bytes);
    for (let i = 0; i < this.freeBlocks.length; i++) {
      const block = this.freeBlocks[i];
      if (block.size < size) continue;
      const offset = block.offset;
      if (block.size === size) this.freeBlocks.splice(i, 1);
      else {
        block.offset += size;
        block.size -= size;
      }
      return offset;
    }
    // Nothing fits: take from the top, absorbing a free block that ends there.
    // The free list changes only once the memory has grown, so a refused growth leaves it whole.
    const last = this.freeBlocks[this.freeBlocks.length - 1];
    const absorbsLast = last !== undefined && last.offset + last.size === this.top;
    const offset = absorbsLast ? last.offset : this.top;
    this.ensureCapacity(offset + size, bytes);
    if (absorbsLast) this.freeBlocks.pop();
    this.top = offset + size;
    return offset;
  }

  /** Returns a block handed out by alloc (with the same byte count) to the free list. */
  free(offset: number, bytes: number): void {
    const size = Arena.blockSize(bytes);
    const blocks = this.freeBlocks;
    let lo = 0, hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (blocks[mid].offset < offset) lo = mid + 1;
      else hi = mid;
    }
    const prev = blocks[lo - 1], next = blocks[lo];
    const joinsPrev = prev !== undefined && prev.offset + prev.size === offset;
    const joinsNext = next !== undefined && offset + size === next.offset;
    if (joinsPrev && joinsNext) {
      prev.size += size + next.size;
      blocks.splice(lo, 1);
    } else if (joinsPrev) prev.size += size;
    else if (joinsNext) {
      next.offset = offset;
      next.size += size;
    } else blocks.splice(lo, 0, { offset, size });
  }

  private ensureCapacity(end: number, requested: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    if (end > this.limitBytes)
      throw new ResourceLimitError(
        `wasm: cannot allocate ${requested} bytes: the heap would need ${end} bytes, ` +
          `over the ${this.limitBytes / 2 ** 20} MiB memory limit`,
      );
    const pages = Math.ceil((end - have) / PAGE_BYTES);
    try {
      this.memory.grow(pages);
    } catch (cause) {
      throw new ResourceLimitError(
        `wasm: cannot allocate ${requested} bytes: growing linear memory by ${pages} pages failed (${String(cause)})`,
      );
    }
  }
}
