/**
 * Backpressure on WebGPU: recording never waits for the device, so a training loop without readbacks
 * awaits backend.throttle() once a step (fit() does), which holds the queue to maxQueuedSubmissions
 * command batches. Measured on SwiftShader: without it 1,000 steps of this loop queued 1,000 batches
 * and 200 MB of uploads, and resident memory grew by about 17 MiB per 100 steps (+136 MiB from step
 * 200 to 1,000); with it, about 1 MiB is queued and memory is flat once the pipelines are compiled.
 * The long loop runs in a child Node: in a test worker, resident memory also moves with what earlier
 * test files left to the collector.
 */
import { SGD, fit, kernels as k, tensor, type WebGPUBackend } from '../bindings/index.js';
import { makeDataset } from '../bindings/data/dataset.js';
import { d2lModel } from '../bindings/train/models.js';
import { runFixture } from './run-fixture.js';
import { describeWebGPU } from './webgpu-node-device.js';

const MiB = 2 ** 20;
const BOUND = 3;

interface QueueLoopResult {
  readbacks: number;
  throttles: number;
  worstAfter: number;
  worstBytesAfter: number;
  liveAt200: number;
  liveAt1000: number;
  queuedAfterSynchronize: number;
  rss: Record<number, number>;
}

/** Runs fixtures/webgpu-queue-loop.js in a fresh Node, whose resident memory is the loop's alone. */
async function runQueueLoop(maxQueuedSubmissions: number): Promise<QueueLoopResult> {
  const stdout = await runFixture('webgpu-queue-loop', [String(maxQueuedSubmissions)], { timeoutMs: 240_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as QueueLoopResult;
}

/** Records the queue after every throttle() of the backend; returns the log and a restore function. */
function watchThrottle(backend: WebGPUBackend) {
  const log: { calls: number; worstAfter: number; worstBytesAfter: number } = { calls: 0, worstAfter: 0, worstBytesAfter: 0 };
  const original = backend.throttle;
  backend.throttle = async function (this: WebGPUBackend) {
    await original.call(this);
    const stats = this.memoryStats();
    log.calls++;
    log.worstAfter = Math.max(log.worstAfter, stats.queuedSubmissions!);
    log.worstBytesAfter = Math.max(log.worstBytesAfter, stats.queuedBytes!);
  };
  return { log, restore: () => void (backend.throttle = original) };
}

describeWebGPU('WebGPU backpressure', (gpu) => {
  test('memoryStats() reports the queued batches and their uploads; synchronize() empties the queue', async () => {
    const backend = gpu();
    const x = tensor(new Float32Array(4096), [4096], { backend });
    await backend.synchronize();
    expect(backend.memoryStats()).toMatchObject({ queuedSubmissions: 0, queuedBytes: 0 });
    for (let i = 0; i < 3; i++) {
      x.copyFrom(new Float32Array(4096).fill(i));
      k.unary('neg', x).dispose();
      backend.flush();
    }
    // Completions arrive as events, so nothing submitted in this synchronous stretch is counted done yet.
    const queued = backend.memoryStats();
    expect(queued.queuedSubmissions).toBe(3);
    expect(queued.queuedBytes).toBeGreaterThanOrEqual(3 * 4096 * 4);
    await backend.synchronize();
    expect(backend.memoryStats()).toMatchObject({ queuedSubmissions: 0, queuedBytes: 0 });
    x.dispose();
  });

  test('fit() awaits throttle() once a step, and the queue is within the bound after each', async () => {
    const backend = gpu();
    const { log, restore } = watchThrottle(backend);
    const n = 32 * 24, features = 20;
    const x = Float32Array.from({ length: n * features }, (_, i) => Math.cos(i * 0.11));
    const y = Uint8Array.from({ length: n }, (_, i) => i % 5);
    const model = d2lModel('mlp', { inputs: features, hidden: 16, classes: 5, backend, seed: 3 });
    const optimizer = new SGD(model.parameters(), { lr: 0.05 });
    try {
      const { history } = await fit(model, { trainData: makeDataset(x, y, [features]), epochs: 2, batchSize: 32, optimizer });
      expect(history.map((h) => h.steps)).toEqual([24, 24]);
      expect(log.calls).toBe(48);
      expect(log.worstAfter).toBeLessThanOrEqual(BOUND);
    } finally {
      restore();
      model.dispose();
      optimizer.dispose();
    }
  });

  test('1,000 training steps without a readback: the queue stays bounded and so does resident memory', async () => {
    const result = await runQueueLoop(BOUND);
    expect(result.readbacks).toBe(0);
    expect(result.throttles).toBe(1000);
    expect(result.worstAfter).toBeLessThanOrEqual(BOUND);
    // Each batch carries one step's uploads (a 200 KB input, the kernel parameters): about 0.2 MiB.
    expect(result.worstBytesAfter).toBeLessThan(4 * MiB);
    expect(result.liveAt1000).toBe(result.liveAt200);
    expect(result.queuedAfterSynchronize).toBe(0);
    // The stated bound: the least resident memory of steps 800-1,000 is at most 48 MiB over the most of
    // steps 200-400 (the first steps compile pipelines and warm caches). An unbounded queue grows
    // steadily, by about 136 MiB over the run.
    const { rss } = result;
    const growth = (Math.min(rss[800], rss[900], rss[1000]) - Math.max(rss[200], rss[300], rss[400])) / MiB;
    const trace = Object.entries(rss).map(([step, bytes]) => `${step}: ${(bytes / MiB).toFixed(0)} MiB`).join(', ');
    if (!(growth < 48)) throw new Error(`resident memory grew by ${growth.toFixed(0)} MiB from steps 200-400 to 800-1000 (${trace})`);
  }, 300_000);
}, { maxQueuedSubmissions: BOUND });
