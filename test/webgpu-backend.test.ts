import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import type { Backend } from '../bindings/backend.js';
import { BackendError, DisposedError, ResourceLimitError, ValueError } from '../bindings/errors.js';
import * as k from '../bindings/kernels/index.js';
import { broadcastLayout } from '../bindings/shape.js';
import { Tensor, tensor } from '../bindings/tensor.js';
import { WebGPUBackend, createWebGPUBackend } from '../bindings/index.js';
import { uniform, labels as randomLabels } from './random.js';
import { runFixture } from './run-fixture.js';
import { dawn, describeWebGPU } from './webgpu-node-device.js';

const cpu = new CpuBackend();

async function dropoutMask(backend: Backend, n: number, p: number, seed: number, offset: number): Promise<Float32Array> {
  const x = tensor(uniform(n, n + 11, -2, 2), [n], { backend });
  const y = k.dropout(x, { p, seed, offset });
  const out = await y.data();
  x.dispose();
  y.dispose();
  return out;
}

function expectBitIdentical(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) throw new Error(`element ${i}: got ${got[i]}, reference ${want[i]}`);
}

/** A 2-layer MLP trained for `steps` SGD steps on one fixed batch, using the kernel API only. */
function mlpTraining(backend: Backend) {
  const batch = 32, inputs = 20, hidden = 16, classes = 4;
  const x = tensor(uniform(batch * inputs, 1, -1, 1), [batch, inputs], { backend });
  const labels = randomLabels(batch, classes, 2);
  const w1 = tensor(uniform(inputs * hidden, 3, -0.4, 0.4), [inputs, hidden], { backend });
  const b1 = tensor(new Float32Array(hidden), [hidden], { backend });
  const w2 = tensor(uniform(hidden * classes, 4, -0.4, 0.4), [hidden, classes], { backend });
  const b2 = tensor(new Float32Array(classes), [classes], { backend });
  const params = [w1, b1, w2, b2];

  /** One forward + backward + SGD step; returns the per-row loss (the caller disposes it). */
  function step(): Tensor {
    const h = k.matmul(x, w1, { bias: b1, relu: true });
    const logits = k.matmul(h, w2, { bias: b2 });
    const { loss, grad } = k.crossEntropy(logits, labels, { grad: true });
    const dW2 = k.matmul(h, grad!, { transA: true });
    const db2 = k.sum(grad!, 0);
    const dh = k.matmul(grad!, w2, { transB: true });
    const dPre = k.binary('reluGrad', h, dh);
    const dW1 = k.matmul(x, dPre, { transA: true });
    const db1 = k.sum(dPre, 0);
    const grads = [dW1, db1, dW2, db2];
    params.forEach((p, i) => k.sgdUpdate(p, grads[i], null, { lr: 0.5 }));
    for (const t of [h, logits, grad!, dh, dPre, ...grads]) t.dispose();
    return loss;
  }
  return { step, dispose: () => [x, ...params].forEach((t) => t.dispose()) };
}

async function meanOf(t: Tensor): Promise<number> {
  const values = await t.data();
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describeWebGPU('WebGPU backend (dawn.node)', (backend) => {
  test('runs on a real adapter', () => {
    expect(dawn.adapterDescription.length).toBeGreaterThan(0);
    expect(backend().name).toBe('webgpu');
  });

  test('dropout masks match the cpu reference bit for bit across seeds, offsets and p', async () => {
    const seeds = [0, 1, 987654321, 2 ** 32 + 5, 2 ** 53 - 1];
    for (const seed of seeds)
      for (const offset of [0, 1, 0xffffffff])
        for (const p of [0.1, 0.5, 0.99]) {
          const n = 1031;
          expectBitIdentical(await dropoutMask(backend(), n, p, seed, offset), await dropoutMask(cpu, n, p, seed, offset));
        }
  });

  test('dropout keeps about 1 - p of a large tensor and differs between offsets', async () => {
    const n = 100_003;
    const a = await dropoutMask(backend(), n, 0.3, 42, 0);
    const b = await dropoutMask(backend(), n, 0.3, 42, 1);
    const kept = a.filter((v) => v !== 0).length / n;
    expect(Math.abs(kept - 0.7)).toBeLessThan(0.01);
    let same = 0;
    for (let i = 0; i < n; i++) if ((a[i] === 0) === (b[i] === 0)) same++;
    expect(same / n).toBeLessThan(0.7);
    expectBitIdentical(a, await dropoutMask(cpu, n, 0.3, 42, 0));
  });

  test('the buffer pool reuses freed buffers by size class', () => {
    const b = backend();
    const before = b.poolStats();
    const s1 = b.alloc(1000);
    b.free(s1);
    const s2 = b.alloc(990); // same size class as 1000
    const after = b.poolStats();
    expect(after.reused).toBe(before.reused + 1);
    expect(after.created).toBeLessThanOrEqual(before.created + 1);
    b.free(s2);
    expect(b.poolStats().liveBuffers).toBe(before.liveBuffers);
  });

  test('the buffer pool stays under its cap, destroying what does not fit', async () => {
    const b = new WebGPUBackend(backend().device, { poolCapBytes: 64 * 1024 });
    const storages = Array.from({ length: 40 }, (_, i) => b.alloc(1024 * (1 + (i % 5))));
    for (const s of storages) b.free(s);
    const stats = b.poolStats();
    expect(stats.pooledBytes).toBeLessThanOrEqual(64 * 1024);
    expect(stats.destroyed).toBeGreaterThan(0);
    expect(stats.liveBuffers).toBe(0);
    // still works after evictions
    const t = tensor([1, 2, 3], [3], { backend: b });
    expect(Array.from(await k.unary('square', t).data())).toEqual([1, 4, 9]);
    b.dispose();
    expect(backend().device.lost).toBeDefined(); // the shared device was not destroyed
    await expect(k.copy(tensor([5], [1], { backend: backend() })).data()).resolves.toEqual(new Float32Array([5]));
  });

  test('repeated steps reuse bind groups, also when the pool destroys buffers between them', async () => {
    const x = uniform(300, 7, -1, 1);
    const want = await k.sum(k.softmax(k.matmul(tensor(x, [30, 10], { backend: cpu }), tensor(x, [30, 10], { backend: cpu }), { transB: true })), 1).data();
    for (const poolCapBytes of [undefined, 0]) {
      const b = new WebGPUBackend(backend().device, { poolCapBytes });
      const xt = tensor(x, [30, 10], { backend: b });
      const step = async () => {
        const m = k.matmul(xt, xt, { transB: true });
        const y = k.softmax(m);
        const s = k.sum(y, 1);
        const out = await s.data();
        for (const t of [m, y, s]) t.dispose();
        return out;
      };
      // The pool hands m's and y's buffers back swapped in the next step, so the bindings repeat every second step.
      const first = await step();
      expectBitIdentical(await step(), first);
      const afterFirst = b.bindGroupStats();
      for (let i = 0; i < 4; i++) expectBitIdentical(await step(), first);
      const stats = b.bindGroupStats();
      if (poolCapBytes === undefined) {
        expect(stats.hits).toBeGreaterThan(afterFirst.hits);
        expect(stats.misses).toBe(afterFirst.misses);
      } else {
        expect(b.poolStats().destroyed).toBeGreaterThan(0);
        expect(stats.cached).toBeLessThanOrEqual(afterFirst.cached);
      }
      for (let i = 0; i < want.length; i++) expect(first[i]).toBeCloseTo(want[i], 4);
      xt.dispose();
      b.dispose();
    }
  });

  test('kernels are batched: nothing is submitted or read back until data() is awaited', async () => {
    const b = backend();
    b.flush();
    const reads = b.readbackCount, submits = b.submitCount;
    const x = tensor(uniform(300, 5), [30, 10], { backend: b });
    const y = k.softmax(k.matmul(x, x, { transB: true }));
    const z = k.sum(y, 1);
    expect(b.readbackCount).toBe(reads);
    expect(b.submitCount).toBe(submits);
    expect(b.pendingDispatches).toBeGreaterThanOrEqual(3);
    const sums = await z.data();
    expect(b.readbackCount).toBe(reads + 1);
    expect(b.submitCount).toBe(submits + 1);
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
    [x, y, z].forEach((t) => t.dispose());
  });

  test('a write waits for pending kernels that use the buffer', async () => {
    const b = backend();
    const x = tensor([1, 2, 3, 4], [4], { backend: b });
    const y = k.unary('scale', x, 10); // pending, reads x
    b.write(x.storage, new Float32Array([5, 6, 7, 8]));
    expect(Array.from(await y.data())).toEqual([10, 20, 30, 40]);
    expect(Array.from(await x.data())).toEqual([5, 6, 7, 8]);
    x.dispose();
    y.dispose();
  });

  test('100 training steps of an MLP perform no readback, the loss falls, and it matches cpu', async () => {
    const b = backend();
    const gpuRun = mlpTraining(b);
    const cpuRun = mlpTraining(cpu);
    const reads = b.readbackCount;
    const firstGpu = gpuRun.step();
    const firstCpu = cpuRun.step();
    let lastGpu = firstGpu, lastCpu = firstCpu;
    for (let i = 1; i < 100; i++) {
      if (lastGpu !== firstGpu) lastGpu.dispose();
      if (lastCpu !== firstCpu) lastCpu.dispose();
      lastGpu = gpuRun.step();
      lastCpu = cpuRun.step();
    }
    expect(b.readbackCount).toBe(reads);
    expect(b.submitCount).toBeGreaterThan(0); // batches went out as they filled, without waiting
    const [l0, l99, c0, c99] = [await meanOf(firstGpu), await meanOf(lastGpu), await meanOf(firstCpu), await meanOf(lastCpu)];
    expect(l99).toBeLessThan(l0 * 0.5);
    expect(Math.abs(l0 - c0)).toBeLessThan(1e-5 * (1 + c0));
    expect(Math.abs(l99 - c99)).toBeLessThan(1e-3 * (1 + c99));
    [firstGpu, lastGpu, firstCpu, lastCpu].forEach((t) => t.dispose());
    gpuRun.dispose();
    cpuRun.dispose();
  });

  test('a training run holds a constant number of live buffers', () => {
    const b = backend();
    const run = mlpTraining(b);
    run.step().dispose();
    const live = b.poolStats().liveBuffers, created = b.poolStats().created;
    for (let i = 0; i < 10; i++) run.step().dispose();
    expect(b.poolStats().liveBuffers).toBe(live);
    expect(b.poolStats().created).toBe(created);
    run.dispose();
  });

  test('allocations over the device limits throw ResourceLimitError naming the sizes', () => {
    const b = backend();
    const max = b.device.limits.maxStorageBufferBindingSize;
    const length = Math.floor(max / 4) + 1;
    expect(() => b.alloc(length)).toThrow(ResourceLimitError);
    expect(() => b.alloc(length)).toThrow(new RegExp(`${length * 4} bytes.*${Math.min(max, b.device.limits.maxBufferSize)}`));
    expect(() => tensor(new Float32Array(0), [length, 0], { backend: b }).view([0])).not.toThrow();
    expect(() => k.matmul(
      tensor(new Float32Array(1), [1, 1], { backend: b }), tensor(new Float32Array(1), [1, 1], { backend: b }),
    )).not.toThrow();
  });

  test('more than 65535 workgroups go out as a 2-D grid', async () => {
    const b = backend();
    const n = b.device.limits.maxComputeWorkgroupsPerDimension * 256 + 1001;
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = i % 1000;
    const x = tensor(values, [n], { backend: b });
    const y = k.unary('shift', x, 1);
    const out = await y.data();
    for (const i of [0, 1, 65535 * 256 - 1, 65535 * 256, n - 2, n - 1]) expect(out[i]).toBe((i % 1000) + 1);
    x.dispose();
    y.dispose();
  });

  test('binary and in-place updates handle an output aliasing an input', async () => {
    const b = backend();
    const a = tensor([1, 2, 3, 4, 5, 6], [2, 3], { backend: b });
    const c = tensor([10, 20, 30], [3], { backend: b });
    const { layout } = broadcastLayout([[2, 3], [3]]);
    b.binary('add', a.storage, c.storage, a.storage, layout, 0, 0);
    expect(Array.from(await a.data())).toEqual([11, 22, 33, 14, 25, 36]);
    b.sgdUpdate(c.storage, c.storage, null, 3, { lr: 0.5, weightDecay: 0, momentum: 0 });
    expect(Array.from(await c.data())).toEqual([5, 10, 15]);
    a.dispose();
    c.dispose();
  });

  test('wrapBuffer runs kernels on a caller buffer without copying and never destroys it', async () => {
    const b = backend();
    const device = b.device;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    // 3x3 matrices: 36 bytes, not a multiple of 16
    const aBuffer = device.createBuffer({ size: 36, usage });
    const cBuffer = device.createBuffer({ size: 36, usage });
    device.queue.writeBuffer(aBuffer, 0, new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const a = new Tensor(b, b.wrapBuffer(aBuffer, 9), [3, 3]);
    const c = new Tensor(b, b.wrapBuffer(cBuffer, 9), [3, 3]);
    b.matmul(a.storage, a.storage, c.storage, { m: 3, n: 3, k: 3, transA: false, transB: true, bias: null, relu: false, batch: 1, aBatchStride: 0, bBatchStride: 0 });
    expect(Array.from(await c.data())).toEqual([14, 32, 50, 32, 77, 122, 50, 122, 194]);
    expect(b.bufferOf(c.storage)).toBe(cBuffer);
    a.dispose();
    c.dispose();
    // the caller's buffers are still alive: wrap again and read
    const again = b.wrapBuffer(aBuffer, 9);
    expect(Array.from(await b.read(again))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    b.free(again);
    expect(() => b.wrapBuffer(aBuffer, 10)).toThrow(ValueError);
    aBuffer.destroy();
    cBuffer.destroy();
  });

  test('runKernel runs a caller shader on wrapped and backend storages in the same batch', async () => {
    const b = backend();
    const x = tensor([1, 2, 3, 4], [4], { backend: b });
    const y = k.unary('scale', x, 2);
    b.runKernel({
      code: `
        struct P { add: f32 }
        @group(0) @binding(0) var<uniform> p: P;
        @group(0) @binding(1) var<storage, read_write> data: array<f32>;
        @compute @workgroup_size(4) fn main(@builtin(local_invocation_index) i: u32) { data[i] += p.add; }`,
      entryPoint: 'main',
      params: new Float32Array([0.5, 0, 0, 0]),
      buffers: [y.storage],
      workgroups: [1],
    });
    expect(Array.from(await y.data())).toEqual([2.5, 4.5, 6.5, 8.5]);
    x.dispose();
    y.dispose();
  });

  test('cross-entropy gives NaN for labels outside the classes, never reading out of bounds', async () => {
    for (const rows of ['serial', 'workgroup'] as const) {
      const b = new WebGPUBackend(backend().device, { rows });
      const labels = [-1, 3.5, 10, NaN, 2, 1e9];
      const logits = uniform(labels.length * 3, 9);
      const run = async (on: WebGPUBackend | CpuBackend) => {
        const x = on.alloc(logits.length), l = on.alloc(labels.length);
        const loss = on.alloc(labels.length), grad = on.alloc(logits.length);
        on.write(x, logits);
        on.write(l, Float32Array.from(labels));
        on.crossEntropy(x, l, loss, grad, labels.length, 3, 0.5);
        return [await on.read(loss), await on.read(grad)];
      };
      const [loss, grad] = await run(b);
      const [wantLoss, wantGrad] = await run(cpu);
      labels.forEach((label, r) => {
        expect(Number.isNaN(loss[r])).toBe(r !== 4);
        for (let c = 0; c < 3; c++) expect(Number.isNaN(grad[r * 3 + c])).toBe(r !== 4);
      });
      expect(loss[4]).toBeCloseTo(wantLoss[4], 5);
      for (let c = 0; c < 3; c++) expect(grad[12 + c]).toBeCloseTo(wantGrad[12 + c], 6);
      b.dispose();
    }
  });

  test('argmax returns the first of tied maxima', async () => {
    for (const rows of ['serial', 'workgroup'] as const) {
      const b = new WebGPUBackend(backend().device, { rows });
      const cols = 300;
      const x = new Float32Array(2 * cols);
      x[7] = 5; x[250] = 5; x[cols + 299] = 1; x[cols + 40] = 1;
      const t = tensor(x, [2, cols], { backend: b });
      expect(Array.from(await k.argmax(t, 1).data())).toEqual([7, 40]);
      b.dispose();
    }
  });

  test('a full batch is submitted without waiting for a read', async () => {
    const b = new WebGPUBackend(backend().device, { batchLimit: 4 });
    const x = tensor(new Float32Array(64), [64], { backend: b });
    b.flush();
    const submits = b.submitCount;
    for (let i = 0; i < 10; i++) b.unary('shift', x.storage, x.storage, 64, 1, 0);
    expect(b.submitCount).toBe(submits + 2);
    expect(b.readbackCount).toBe(0);
    expect((await x.data())[63]).toBe(10);
    b.dispose();
  });

  test('kernel configurations beyond the device limits are refused with ResourceLimitError', () => {
    const device = backend().device;
    expect(() => new WebGPUBackend(device, { matmul: { kernel: 'tiled', TM: 128, TN: 128, TK: 16 } })).toThrow(
      /1024 invocations per workgroup exceed maxComputeInvocationsPerWorkgroup/,
    );
    expect(() => new WebGPUBackend(device, { matmul: { kernel: 'tiled', TM: 128, TN: 128, TK: 16 } })).toThrow(ResourceLimitError);
    // Malformed configurations are bad values, not limits.
    expect(() => new WebGPUBackend(device, { matmul: { kernel: 'tiled', TM: 64, TN: 64, TK: 6 } })).toThrow(ValueError);
    expect(() => new WebGPUBackend(device, { matmul: { kernel: 'tiled', TM: 64, TN: 64, tk: 16 } as never })).toThrow(/unknown key 'tk'/);
    expect(() => new WebGPUBackend(device, { rows: 'diagonal' as never })).toThrow(ValueError);
    expect(() => new WebGPUBackend(device, { batchLimit: 0 })).toThrow(ValueError);
  });

  test('a lost device makes later calls throw BackendError; a new backend works', async () => {
    const doomed = await createWebGPUBackend({ gpu: dawn.gpu! });
    const t = tensor([1, 2], [2], { backend: doomed });
    doomed.device.destroy();
    await doomed.device.lost;
    expect(doomed.lost).toBe(true);
    expect(() => doomed.alloc(4)).toThrow(BackendError);
    expect(() => doomed.alloc(4)).toThrow(/device lost/);
    await expect(doomed.read(t.storage)).rejects.toThrow(/device lost/);
    doomed.dispose();
    expect(() => doomed.alloc(4)).toThrow(DisposedError);
    const fresh = await createWebGPUBackend({ gpu: dawn.gpu! });
    expect(Array.from(await k.unary('neg', tensor([1], [1], { backend: fresh })).data())).toEqual([-1]);
    fresh.dispose();
  });
});

describeWebGPU('the GPU object a backend was made from', () => {
  test('stays alive while the backend does, though the caller keeps no reference to it', async () => {
    const stdout = await runFixture('webgpu-unreferenced-gpu', [], { flags: ['--expose-gc'], timeoutMs: 120_000 });
    const { sums } = JSON.parse(stdout) as { sums: number[] };
    const a = tensor(Float32Array.from({ length: 64 * 64 }, (_, i) => (i % 7) - 3), [64, 64], { backend: cpu });
    const want = (k.matmul(a, a).dataSync() as Float32Array).reduce((total, x) => total + x, 0);
    expect(sums).toEqual(new Array(20).fill(want));
  }, 150_000);
});

describeWebGPU('kernel choice (dawn.node)', (backend) => {
  test('a CPU-emulated adapter gets barrier-free kernels, and the choice is visible', () => {
    const emulated = /swiftshader|llvmpipe|lavapipe/i.test(backend().adapterDescription);
    expect(backend().matmulConfig.kernel).toBe(emulated ? 'direct' : 'tiled');
    expect(backend().rowStrategy).toBe(emulated ? 'serial' : 'workgroup');
  });
});
