/**
 * Typed errors where untyped ones (TypeError, RangeError) escaped, and options that were accepted
 * silently: each case once showed the defect it names.
 */
import {
  BackendError, CpuBackend, DataLoader, ResourceLimitError, ShapeError, ValueError, createWasmBackend, createWebGPUBackend,
  isGradEnabled, kernels as k, liveTensorCount, noGrad, tensor, zeros, type Backend,
} from '../bindings/index.js';
import { makeDataset } from '../bindings/data/dataset.js';
import { dawn, describeWebGPU } from './webgpu-node-device.js';

const counts = (backend: Backend) => ({ tensors: liveTensorCount(), storages: backend.memoryStats().liveStorages });

describe('allocations over what a backend can hold are ResourceLimitErrors', () => {
  const backends: [string, () => Promise<Backend>][] = [['cpu', async () => new CpuBackend()], ['wasm', () => createWasmBackend()]];

  test.each(backends)('%s: zeros([2 ** 33]) and a matmul with a 2^34-element output', async (_name, create) => {
    const backend = await create();
    const before = counts(backend);
    expect(() => zeros([2 ** 33], { backend })).toThrow(ResourceLimitError);
    const a = zeros([2 ** 17, 1], { backend }), b = zeros([1, 2 ** 17], { backend });
    expect(() => k.matmul(a, b)).toThrow(ResourceLimitError);
    expect(() => k.matmul(a, b)).toThrow(/cannot allocate 17179869184 f32/);
    a.dispose();
    b.dispose();
    expect(counts(backend)).toEqual(before);
    backend.dispose();
  });

  test('the cpu bound is an option, itself checked', () => {
    const small = new CpuBackend({ maxStorageBytes: 64 });
    expect(() => zeros([16], { backend: small }).dispose()).not.toThrow();
    expect(() => zeros([17], { backend: small })).toThrow(/over the 64 bytes a cpu storage may hold/);
    expect(() => new CpuBackend({ maxStorageBytes: -1 })).toThrow(ValueError);
    expect(() => new CpuBackend({ maxBytes: 64 } as never)).toThrow(/unknown option 'maxBytes'/);
  });

  test('a storage of another backend is a BackendError on cpu, not a TypeError', async () => {
    const cpu = new CpuBackend(), wasm = await createWasmBackend();
    const foreign = wasm.alloc(4);
    expect(() => cpu.fill(foreign, 1, 4)).toThrow(BackendError);
    wasm.free(foreign);
    wasm.dispose();
  });
});

describe('noGrad', () => {
  test('refuses an async function with a ValueError, and grad mode is on again at once', () => {
    expect(() => noGrad(async () => undefined)).toThrow(ValueError);
    expect(() => noGrad(async () => undefined)).toThrow(/noGrad needs a synchronous function/);
    expect(isGradEnabled()).toBe(true);
  });
});

describe('DataLoader', () => {
  const data = makeDataset(Float32Array.from({ length: 10 }, (_, i) => i), Uint8Array.from([0, 1, 0, 1, 0]), [2]);

  test('without options: PyTorch\'s batch size of 1', () => {
    const loader = new DataLoader(data);
    expect(loader.batchSize).toBe(1);
    expect([...loader.batches(0)].map((b) => b.size)).toEqual([1, 1, 1, 1, 1]);
  });

  test('bad options and data are ValueErrors naming the argument', () => {
    expect(() => new DataLoader(data, { batchsize: 2 } as never)).toThrow(/DataLoader: unknown option 'batchsize'/);
    expect(() => new DataLoader(data, { batchSize: '2' } as never)).toThrow(/batchSize must be a positive integer, got the string '2'/);
    expect(() => new DataLoader(data, { shuffle: 'yes' } as never)).toThrow(ValueError);
    expect(() => new DataLoader(null as never)).toThrow(/DataLoader: expected a Dataset/);
    expect(() => new DataLoader([1, 2, 3] as never, { batchSize: 1 })).toThrow(ValueError);
    expect(() => new DataLoader(data, null as never)).toThrow(ValueError);
  });
});

describeWebGPU('createWebGPUBackend refuses bad options before it takes a device', () => {
  test('unknown and mistyped options are ValueErrors', async () => {
    await expect(createWebGPUBackend({ gpu: dawn.gpu!, rows: 'diagonal' as never })).rejects.toThrow(ValueError);
    await expect(createWebGPUBackend({ gpu: dawn.gpu!, batchlimit: 8 } as never)).rejects.toThrow(/unknown option 'batchlimit'/);
    await expect(createWebGPUBackend({ gpu: dawn.gpu!, batchLimit: '8' as never })).rejects.toThrow(/batchLimit/);
    await expect(createWebGPUBackend({ gpu: dawn.gpu!, poolCapBytes: -1 })).rejects.toThrow(ValueError);
    await expect(createWebGPUBackend({ gpu: dawn.gpu!, maxQueuedSubmissions: 1.5 })).rejects.toThrow(ValueError);
    await expect(createWebGPUBackend({ gpu: dawn.gpu!, powerPreference: 'fast' as never })).rejects.toThrow(ValueError);
    await expect(createWebGPUBackend({ gpu: {} as never })).rejects.toThrow(/gpu must be a GPU object/);
    await expect(createWebGPUBackend({ device: 'gpu0' as never })).rejects.toThrow(/device must be a GPUDevice/);
    await expect(createWebGPUBackend('fast' as never)).rejects.toThrow(ValueError);
    await expect(createWebGPUBackend({ gpu: dawn.gpu!, matmul: { kernel: 'tiled', TM: 64, TN: 64, tk: 16 } as never }))
      .rejects.toThrow(/unknown key 'tk'/);
  });

  test('a destroyed device is refused at creation with a BackendError', async () => {
    const adapter = await dawn.gpu!.requestAdapter();
    const device = await adapter!.requestDevice();
    device.destroy();
    await expect(createWebGPUBackend({ device })).rejects.toThrow(BackendError);
    await expect(createWebGPUBackend({ device })).rejects.toThrow(/options.device is destroyed or lost/);
  });

  test('a live caller device is accepted, used and left alive', async () => {
    const adapter = await dawn.gpu!.requestAdapter();
    const device = await adapter!.requestDevice();
    const backend = await createWebGPUBackend({ device });
    const t = tensor([1, -2], [2], { backend });
    expect(Array.from(await k.unary('neg', t).data())).toEqual([-1, 2]);
    backend.dispose();
    const probe = device.createBuffer({ size: 4, usage: 0x1 }); // MAP_READ: mapping works on a live device
    await probe.mapAsync(0x1);
    probe.destroy();
    device.destroy();
  });
});

describe('views handed to the kernels stay inside their tensor', () => {
  test('writeView and materialize refuse a view reaching past the storage; the neighbouring tensor is untouched', async () => {
    const backend = await createWasmBackend();
    try {
      const target = tensor([1, 2, 3, 4], [4], { backend }), neighbour = tensor([7, 7, 7, 7], [4], { backend });
      const source = tensor(Array.from({ length: 64 }, () => 9), [64], { backend });
      expect(() => k.writeView('write', target, { shape: [64], offset: 0, strides: [1] }, source)).toThrow(ShapeError);
      expect(() => k.writeView('write', target, { shape: [2], offset: -1, strides: [1] }, tensor([5, 5], [2], { backend }))).toThrow(/outside the 4 elements/);
      expect(() => k.materialize(target, { shape: [3], offset: 3, strides: [-2] })).toThrow(/reaches elements -1 to 3/);
      expect(() => k.materialize(target, { shape: [2], offset: 0, strides: [1.5] } as never)).toThrow(ShapeError);
      expect(k.materialize(target, { shape: [2], offset: 3, strides: [-2] }).dataSync()).toEqual(Float32Array.from([4, 2]));
      expect(neighbour.dataSync()).toEqual(Float32Array.from([7, 7, 7, 7]));
      expect(target.dataSync()).toEqual(Float32Array.from([1, 2, 3, 4]));
    } finally {
      backend.dispose();
    }
  });
});
