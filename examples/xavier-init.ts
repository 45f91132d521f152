/**
 * d2l 4.8, parameter initialisation: the MLP (784 → 256 → 10, lr 0.1, batch 256) trained from
 * Xavier-uniform weights and from N(0, 0.01²) weights, same data and batch order. Xavier keeps
 * the activations' scale, so the first epochs learn faster. Prints both runs per epoch.
 */
import { normal, xavierUniform } from '../bindings/init/initializers.js';
import type { EpochMetrics } from '../bindings/train/fit.js';
import { trainClassifier } from './classifier.js';
import { fixed, logger, percent, runAsScript, type ExampleOptions } from './common.js';

export async function main(options: ExampleOptions = {}): Promise<{ xavier: EpochMetrics[]; normal: EpochMetrics[] }> {
  const log = logger(options);
  const quiet = { ...options, log: () => {} };
  const xavier = await trainClassifier({ model: 'mlp', lr: 0.1, weightInit: xavierUniform(), label: 'Xavier', figure: 'xavier-init-xavier' }, quiet);
  const small = await trainClassifier({ model: 'mlp', lr: 0.1, weightInit: normal(0.01), label: 'N(0, 0.01²)', figure: 'xavier-init-normal' }, quiet);
  log('epoch   Xavier: loss  test acc   N(0, 0.01²): loss  test acc');
  xavier.forEach((x, i) => {
    const n = small[i];
    log(`${String(x.epoch).padStart(5)}   ${fixed(x.trainLoss).padStart(12)}  ${percent(x.testAccuracy).padStart(8)}   ` +
      `${fixed(n.trainLoss).padStart(17)}  ${percent(n.testAccuracy).padStart(8)}`);
  });
  return { xavier, normal: small };
}

runAsScript(import.meta.url, main);
