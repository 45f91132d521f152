/** A storage: `length` f32 in a GPU buffer, pooled unless the caller owns the buffer (wrapBuffer). */
export class GPUStorage {
  freed = false;
  constructor(readonly length: number, readonly buffer: GPUBuffer, readonly external: boolean) {}
}
