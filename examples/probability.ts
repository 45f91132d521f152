/**
 * d2l 2.6, probability and statistics: coin tosses counted by hand and with Multinomial, then die
 * rolls: one roll, 1,000 rolls' relative frequencies, and 1,000 groups of 10 rolls whose running
 * estimates of each face's probability converge to 1/6 (the book's six curves and a dashed line
 * at 0.167).
 */
import { distributions, manualSeed, multinomial, ones, plot, tensor } from '../bindings/index.js';
import { runSection } from './book-section.js';
import { logger, runAsScript, saveFigure, type ExampleOptions } from './common.js';

const { Multinomial } = distributions;

export interface ProbabilityResult {
  heads: number;
  tails: number;
  /** Multinomial(10000, [0.5, 0.5]) counts / 10000. */
  coinFrequencies: number[];
  oneRoll: number[];
  /** Multinomial(1000, fairProbs) counts / 1000. */
  dieFrequencies: number[];
  /** The running estimates after the last group, one per face. */
  finalEstimates: number[];
  svg: string;
}

export async function main(options: ExampleOptions & { groups?: number } = {}): Promise<ProbabilityResult> {
  const log = logger(options);
  const groups = options.groups ?? 1000;
  manualSeed(options.seed ?? 0);
  const result = await runSection(options, () => {
    // Tossing a coin 100 times: multinomial() draws the faces one by one
    const numTosses = 100;
    const tosses = multinomial(tensor([0.5, 0.5]), numTosses, { replacement: true });
    const heads = tosses.eq(0).sum().item(), tails = numTosses - heads;
    log(`heads, tails: [${heads}, ${tails}]`);
    const fairCoin = tensor([0.5, 0.5]);
    log(`Multinomial(100, fairProbs).sample(): ${new Multinomial(100, fairCoin).sample()}`);
    log(`Multinomial(100, fairProbs).sample() / 100: ${new Multinomial(100, fairCoin).sample().div(100)}`);
    const coinCounts = new Multinomial(10000, fairCoin).sample();
    const coinFrequencies = coinCounts.div(10000);
    log(`counts / 10000: ${coinFrequencies}`);

    // Rolling a die
    const fairProbs = ones([6]).div(6);
    const oneRoll = new Multinomial(1, fairProbs).sample();
    log(`Multinomial(1, fairProbs).sample(): ${oneRoll}`);
    const dieFrequencies = new Multinomial(1000, fairProbs).sample().div(1000);
    log(`Multinomial(1000, fairProbs).sample() / 1000: ${dieFrequencies}`);

    const counts = new Multinomial(10, fairProbs).sample([groups]);
    const cumCounts = counts.cumsum(0);
    const estimates = cumCounts.div(cumCounts.sum(1, true));
    const finalEstimates = estimates.get(-1);
    log(`estimates after ${groups} groups of 10 rolls: ${finalEstimates}`);
    const curves = Array.from({ length: 6 }, (_, i) => estimates.get([':', i]));
    const svg = plot.plot([...curves, Array(groups).fill(0.167)], {
      xlabel: 'Groups of experiments', ylabel: 'Estimated probability', figsize: [6, 4.5],
      legend: curves.map((_, i) => `P(die=${i + 1})`), fmts: [...curves.map(() => '-'), 'k--'],
    });
    return {
      heads, tails, coinFrequencies: coinFrequencies.tolist() as number[], oneRoll: oneRoll.tolist() as number[],
      dieFrequencies: dieFrequencies.tolist() as number[], finalEstimates: finalEstimates.tolist() as number[], svg,
    };
  });
  saveFigure(options, 'probability-die', result.svg);
  return result;
}

runAsScript(import.meta.url, main);
