/**
 * PyTorch's "learning with examples" cubic, with autograd and hand-written gradient descent:
 * 2,000 points x in [−π, π], y = 1 + 0.8x − 0.3x² − 0.1x³ + N(0, 0.2²); features [x, x², x³]
 * (x.unsqueeze(-1).pow([1, 2, 3])), weights and bias drawn from N(0, 1) with requiresGrad, the
 * summed squared error, and 2,000 steps of w −= lr·w.grad (lr 1e-6) under noGrad, each followed
 * by zeroing the gradients. Prints the loss every 100 steps and the fitted polynomial.
 */
import { noGrad } from '../bindings/autograd/index.js';
import { manualSeed } from '../bindings/init/index.js';
import * as plot from '../bindings/plot/index.js';
import { linspace, randn, tensor, tidy } from '../bindings/tensor.js';
import { logger, runAsScript, saveFigure, withBackend, type ExampleOptions } from './common.js';

/** The true polynomial: bias, then the coefficients of x, x² and x³. */
export const TRUE_BIAS = 1;
export const TRUE_COEFFICIENTS = [0.8, -0.3, -0.1] as const;

export interface PolynomialGdResult {
  bias: number;
  /** Fitted coefficients of x, x², x³. */
  coefficients: number[];
  /** [step, loss] every 100 steps (steps counted from 0, as printed). */
  losses: [number, number][];
  /** The data with the fitted polynomial, as SVG. */
  figure: string;
}

const polynomialText = (bias: number, [b, c, d]: readonly number[]) =>
  `y = ${bias.toFixed(4)} + ${b.toFixed(4)} x + ${c.toFixed(4)} x^2 + ${d.toFixed(4)} x^3`;

/** Fits the cubic by gradient descent on autograd; returns the fitted bias and coefficients. */
export async function main(options: ExampleOptions = {}): Promise<PolynomialGdResult> {
  const log = logger(options);
  const { seed = 0, epochs: steps = 2000, limit = 2000 } = options;
  return withBackend(options, async (backend) => {
    manualSeed(seed);
    const [x, y, xx] = tidy(() => {
      const x = linspace(-Math.PI, Math.PI, limit, { backend });
      const [b1, c1, d1] = TRUE_COEFFICIENTS;
      const y = x.mul(b1).add(x.pow(2).mul(c1)).add(x.pow(3).mul(d1)).add(TRUE_BIAS).add(randn([limit], { backend }).mul(0.2));
      const p = tensor([1, 2, 3], { backend });
      return [x, y, x.unsqueeze(-1).pow(p)]; // xx: [limit, 3], columns x, x², x³
    });
    const w = randn([3], { backend, requiresGrad: true });
    const a = randn([], { backend, requiresGrad: true });

    const learningRate = 1e-6;
    const losses: [number, number][] = [];
    for (let t = 0; t < steps; t++)
      tidy(() => {
        const yPred = xx.matmul(w).add(a);
        const loss = yPred.sub(y).pow(2).sum();
        if (t % 100 === 99) {
          losses.push([t, loss.item()]);
          log(`${t} ${loss.item().toFixed(4)}`);
        }
        loss.backward();
        noGrad(() => {
          w.sub_(w.grad!.mul(learningRate));
          a.sub_(a.grad!.mul(learningRate));
        });
        w.zeroGrad();
        a.zeroGrad();
      });
    const bias = a.item(), coefficients = Array.from(w.dataSync());
    log(`Result: ${polynomialText(bias, coefficients)}`);
    log(`true:   ${polynomialText(TRUE_BIAS, TRUE_COEFFICIENTS)}`);

    const fitted = tidy(() => xx.matmul(w).add(a).dataSync());
    const every = Math.max(1, Math.floor(limit / 200));
    const xs = x.dataSync(), ys = y.dataSync();
    const shownX = xs.filter((_, i) => i % every === 0), shownY = ys.filter((_, i) => i % every === 0);
    const figure = plot.plot([shownX, xs], [shownY, fitted], {
      fmts: ['.', '-'], xlabel: 'x', ylabel: 'y', legend: ['data', 'fitted cubic'],
    });
    saveFigure(options, 'polynomial-gd', figure);
    for (const t of [x, y, xx, w, a]) t.dispose();
    return { bias, coefficients, losses, figure };
  });
}

runAsScript(import.meta.url, main);
