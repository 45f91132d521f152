/**
 * Optimisers against values worked by hand with PyTorch's update rules (torch.optim.SGD and
 * torch.optim.Adam docs), in f64, for a few steps.
 */
import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { Adam, SGD, ValueError, tensor, tidy } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';

function expectClose(got: Float32Array, want: number[], digits = 5): void {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, digits));
}

describe.each(AUTOGRAD_BACKENDS)('optimisers on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  const param = (data: number[]) => tensor(data, [data.length], { backend, requiresGrad: true });
  /** L = ½ Σ p², so the gradient is p. */
  const halfSquare = (p: wg.Tensor) => p.square().sum().mul(0.5);
  /** Takes one optimiser step per expected value of p, each on the gradient of loss(p). */
  async function expectSteps(opt: wg.Optimizer, p: wg.Tensor, loss: (p: wg.Tensor) => wg.Tensor, want: number[][]) {
    for (const step of want) {
      tidy(() => {
        opt.zeroGrad();
        loss(p).backward();
        opt.step();
      });
      expectClose(await p.data(), step);
    }
  }

  test('SGD with momentum and weight decay', async () => {
    const p = param([1, -2]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, weightDecay: 0.1 });
    // g = 1.1 p; v1 = g; v(t) = 0.9 v(t-1) + g; p -= 0.1 v
    const want = [[0.89, -1.78], [0.6931, -1.3862], [0.439649, -0.879298]];
    await expectSteps(opt, p, halfSquare, want);
    opt.dispose();
  });

  test('plain SGD is p -= lr · grad, and skips parameters without a gradient', async () => {
    const p = param([1, -2]), q = param([5]);
    const opt = new SGD([p, q], { lr: 0.5 });
    tidy(() => p.mul(tensor([3, 4], [2], { backend })).sum().backward());
    opt.step();
    expectClose(await p.data(), [-0.5, -4]);
    expectClose(await q.data(), [5]);
  });

  test('Adam with default betas', async () => {
    const p = param([1, -2]);
    const opt = new Adam([p], { lr: 0.1 });
    const want = [
      [0.900000001, -1.9000000005],
      [0.8004122297123382, -1.800166486621093],
      [0.701586274504415, -1.700623392812114],
    ];
    await expectSteps(opt, p, halfSquare, want);
    opt.dispose();
  });

  test('Adam with betas, eps and L2 weight decay', async () => {
    const p = param([1, -2]);
    const c = tensor([0.5, 0.25], [2], { backend });
    const opt = new Adam([p], { lr: 0.2, betas: [0.8, 0.99], eps: 1e-3, weightDecay: 0.5 });
    // g = c + 0.5 p
    const want = [
      [0.8001998001998002, -1.8002663115845539],
      [0.6017986676658091, -1.6025653212104967],
      [0.40593055719638016, -1.4086749996289065],
    ];
    await expectSteps(opt, p, (q) => q.mul(c).sum(), want);
  });

  test('optimiser state lives on the backend and dispose() frees it', async () => {
    const p = param([1, 2, 3]);
    const before = backend.memoryStats().liveStorages;
    const opt = new Adam([p]);
    tidy(() => halfSquare(p).backward());
    opt.step();
    p.zeroGrad();
    expect(backend.memoryStats().liveStorages).toBe(before + 2); // m and v
    opt.dispose();
    expect(backend.memoryStats().liveStorages).toBe(before);
  });

  test('bad options throw ValueError', async () => {
    const p = param([1]);
    expect(() => new SGD([p], { lr: -1 })).toThrow(/lr must be a finite number >= 0/);
    expect(() => new SGD([p], { lr: NaN })).toThrow(ValueError);
    expect(() => new SGD([p], { lr: 0.1, momentum: -0.5 })).toThrow(/momentum/);
    expect(() => new Adam([p], { betas: [1, 0.999] })).toThrow(/beta1 .* < 1/);
    expect(() => new SGD([tensor([1], [1], { backend })], { lr: 0.1 })).toThrow(/does not require grad/);
    expect(() => new SGD([p, p], { lr: 0.1 })).toThrow(/appears twice/);
  });
});
