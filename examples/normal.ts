/**
 * d2l 3.1.3, the normal distribution and squared loss: the density
 * p(x) = exp(−(x − μ)² / 2σ²) / √(2πσ²) for (μ, σ) = (0, 1), (0, 2), (3, 1), plotted over x in [−7, 7).
 */
import { arange, plot, type Tensor } from '../bindings/index.js';
import { runSection } from './book-section.js';
import { logger, runAsScript, saveFigure, type ExampleOptions } from './common.js';

export interface NormalResult {
  /** Per (mean, std): the largest density and the x where it is. */
  peaks: { mean: number; std: number; x: number; density: number }[];
  /** Per (mean, std): the density summed times the step 0.01 (about 1). */
  areas: number[];
  svg: string;
}

function normal(x: Tensor, mu: number, sigma: number): Tensor {
  const p = 1 / Math.sqrt(2 * Math.PI * sigma ** 2);
  return x.sub(mu).pow(2).mul(-0.5 / sigma ** 2).exp().mul(p);
}

export async function main(options: ExampleOptions = {}): Promise<NormalResult> {
  const log = logger(options);
  const params: [number, number][] = [[0, 1], [0, 2], [3, 1]];
  const result = await runSection(options, () => {
    const x = arange(-7, 7, 0.01);
    const densities = params.map(([mu, sigma]) => normal(x, mu, sigma));
    const svg = plot.plot(x, densities, {
      xlabel: 'x', ylabel: 'p(x)', figsize: [4.5, 2.5], legend: params.map(([mu, sigma]) => `mean ${mu}, std ${sigma}`),
    });
    const xs = x.dataSync();
    const peaks = densities.map((p, i) => {
      const at = p.argmax().item();
      return { mean: params[i][0], std: params[i][1], x: xs[at], density: p.max().item() };
    });
    const areas = densities.map((p) => p.sum().item() * 0.01);
    for (const [i, peak] of peaks.entries())
      log(`mean ${peak.mean}, std ${peak.std}: peak p(${peak.x.toFixed(2)}) = ${peak.density.toFixed(4)}, area ${areas[i].toFixed(4)}`);
    return { peaks, areas, svg };
  });
  saveFigure(options, 'normal-densities', result.svg);
  return result;
}

runAsScript(import.meta.url, main);
