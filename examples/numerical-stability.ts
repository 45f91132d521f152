/**
 * d2l 4.8.1, vanishing and exploding gradients: the sigmoid and its gradient, which vanishes away
 * from 0; and the product of a 4×4 N(0, 1) matrix with 100 more, whose entries explode.
 * (4.8.2's Xavier initialisation is xavier-init.ts.)
 */
import { arange, manualSeed, normal, onesLike, plot, sigmoid } from '../bindings/index.js';
import { runSection } from './book-section.js';
import { logger, runAsScript, saveFigure, type ExampleOptions } from './common.js';

export interface NumericalStabilityResult {
  /** The sigmoid's gradient at x = −8, 0 and 7.9. */
  gradAt: { x: number; grad: number }[];
  /** Frobenius norms of the first matrix and of the product of 101. */
  singleNorm: number;
  productNorm: number;
  productFinite: boolean;
  svg: string;
}

export async function main(options: ExampleOptions = {}): Promise<NumericalStabilityResult> {
  const log = logger(options);
  manualSeed(options.seed ?? 0);
  const result = await runSection(options, () => {
    // 4.8.1.1 Vanishing gradients
    const x = arange(-8.0, 8.0, 0.1, { requiresGrad: true });
    const y = sigmoid(x);
    y.backward(onesLike(x));
    const svg = plot.plot(x.detach(), [y.detach(), x.grad!], { legend: ['sigmoid', 'gradient'], figsize: [4.5, 2.5] });
    const grads = x.grad!.dataSync(), xs = x.detach().dataSync();
    const gradAt = [0, 80, xs.length - 1].map((i) => ({ x: xs[i], grad: grads[i] }));
    log(`sigmoid gradient: ${gradAt.map((g) => `${g.grad.toExponential(3)} at x = ${g.x.toFixed(1)}`).join(', ')}`);

    // 4.8.1.2 Exploding gradients
    let M = normal(0, 1, [4, 4]);
    log(`a single matrix\n${M}`);
    const singleNorm = M.norm().item();
    for (let i = 0; i < 100; i++) M = M.matmul(normal(0, 1, [4, 4]));
    log(`after multiplying 100 matrices\n${M}`);
    // The entries' squares overflow f32, so the norm of the product is taken on the host in f64.
    const values = M.dataSync();
    const productNorm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
    return { gradAt, singleNorm, productNorm, productFinite: values.every(Number.isFinite), svg };
  });
  log(`Frobenius norm: ${result.singleNorm.toFixed(3)} → ${result.productNorm.toExponential(3)}`);
  saveFigure(options, 'vanishing-sigmoid-gradient', result.svg);
  return result;
}

runAsScript(import.meta.url, main);
