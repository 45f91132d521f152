/**
 * WebGPU's numeric flags, spelled out so that the backend works where the GPUBufferUsage / GPUMapMode
 * globals are not installed (a device handed in from dawn.node without its globals).
 */
export const BufferUsage = {
  MAP_READ: 0x1,
  MAP_WRITE: 0x2,
  COPY_SRC: 0x4,
  COPY_DST: 0x8,
  UNIFORM: 0x40,
  STORAGE: 0x80,
} as const;

export const MapMode = { READ: 0x1, WRITE: 0x2 } as const;

/** Usage of every storage buffer the backend allocates. */
export const STORAGE_USAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;
