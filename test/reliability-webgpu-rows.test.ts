/**
 * WebGPU row kernels (softmax, log-softmax, cross-entropy) on both row strategies: NaN and ±Inf spread
 * across their row as in the cpu reference (WGSL's max() would drop a NaN), and large logits stay
 * finite (the max subtraction), checked against closed forms.
 */
import { CpuBackend, kernels as k, tensor, type Backend } from '../bindings/index.js';
import { describeWebGPU } from './webgpu-node-device.js';

const values = async (t: { data(): Promise<Float32Array> }) => Array.from(await t.data());
const cpu = new CpuBackend();

/** softmax, log-softmax, and cross-entropy loss and gradient of one row, as plain arrays. */
async function rowKernels(backend: Backend, row: number[], label: number) {
  const x = tensor(row, [1, row.length], { backend });
  const softmax = k.softmax(x), logSoftmax = k.logSoftmax(x);
  const { loss, grad } = k.crossEntropy(x, [label], { grad: true });
  const out = {
    softmax: await values(softmax), logSoftmax: await values(logSoftmax), loss: await values(loss), grad: await values(grad!),
  };
  for (const t of [x, softmax, logSoftmax, loss, grad!]) t.dispose();
  return out;
}

/** Closed forms of a finite row in f64: softmax, log-softmax, loss and gradient for `label`. */
function closedForm(row: number[], label: number) {
  const m = Math.max(...row);
  const logTotal = Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  const logSoftmax = row.map((v) => v - m - logTotal);
  const softmax = logSoftmax.map(Math.exp);
  return { softmax, logSoftmax, loss: [-logSoftmax[label]], grad: softmax.map((p, c) => p - (c === label ? 1 : 0)) };
}

/** Finite, and within tolerance·(1 + |want|) of want, element by element. */
function expectClose(got: number[], want: number[], tolerance: number) {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => {
    expect(Number.isFinite(g)).toBe(true);
    expect(Math.abs(g - want[i])).toBeLessThanOrEqual(tolerance * (1 + Math.abs(want[i])));
  });
}

for (const rows of ['serial', 'workgroup'] as const) {
  describeWebGPU(`row kernels, ${rows} strategy`, (gpu) => {
    test('crossEntropy([[NaN, 0, 0]], [1]): loss NaN and an all-NaN gradient, as on cpu', async () => {
      const got = await rowKernels(gpu(), [NaN, 0, 0], 1);
      expect(got.loss).toEqual([NaN]);
      expect(got.grad).toEqual([NaN, NaN, NaN]);
      expect(got).toEqual(await rowKernels(cpu, [NaN, 0, 0], 1));
    });

    test('a row holding +Inf is NaN throughout (loss too), as on cpu', async () => {
      const got = await rowKernels(gpu(), [Infinity, 0, 0], 1);
      expect(got.loss).toEqual([NaN]);
      expect(got.softmax).toEqual([NaN, NaN, NaN]);
      expect(got).toEqual(await rowKernels(cpu, [Infinity, 0, 0], 1));
    });

    test('softmax([NaN, 1, 2]) is all NaN; so is its log-softmax', async () => {
      const got = await rowKernels(gpu(), [NaN, 1, 2], 0);
      expect(got.softmax).toEqual([NaN, NaN, NaN]);
      expect(got.logSoftmax).toEqual([NaN, NaN, NaN]);
      expect(got).toEqual(await rowKernels(cpu, [NaN, 1, 2], 0));
    });

    test('-Inf entries are zero probability in a finite row; an all -Inf row is NaN, as on cpu', async () => {
      const finite = await rowKernels(gpu(), [0, -Infinity, Math.log(3)], 2);
      expectClose(finite.softmax, [0.25, 0, 0.75], 1e-6);
      expect(finite.logSoftmax[1]).toBe(-Infinity);
      expect(await rowKernels(gpu(), [-Infinity, -Infinity, -Infinity], 0)).toEqual(
        await rowKernels(cpu, [-Infinity, -Infinity, -Infinity], 0),
      );
    });

    test('softmax([100, 99, 98]) and logits up to ±1e4 are finite and match the closed forms', async () => {
      for (const [row, label] of [[[100, 99, 98], 2], [[1e4, -1e4, 0], 1], [[89, 88.5, -3], 0], [[-100, -99, -98], 0]] as const) {
        const got = await rowKernels(gpu(), [...row], label);
        const want = closedForm([...row], label);
        expectClose(got.softmax, want.softmax, 2e-6);
        expectClose(got.logSoftmax, want.logSoftmax, 2e-6);
        expectClose(got.loss, want.loss, 2e-6);
        expectClose(got.grad, want.grad, 2e-6);
      }
    });

    test('a long row of large logits (1000 columns, values near 120) sums to one', async () => {
      const row = Array.from({ length: 1000 }, (_, i) => 120 - (i % 37) * 0.25);
      const x = tensor(row, [1, 1000], { backend: gpu() });
      const p = k.softmax(x);
      const got = await values(p);
      const want = closedForm(row, 0).softmax;
      expectClose(got, want, 1e-5);
      x.dispose();
      p.dispose();
    });
  }, { rows });
}
