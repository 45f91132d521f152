/** The MLP epoch in webgrad: d2lModel('mlp'), SGD, and the library's own training loop. */
import type { Backend } from '../../bindings/backend.js';
import { makeDataset } from '../../bindings/data/dataset.js';
import type { HostBatch } from '../../bindings/data/dataloader.js';
import { SGD } from '../../bindings/optim/index.js';
import { fit } from '../../bindings/train/fit.js';
import { d2lModel } from '../../bindings/train/models.js';
import { MLP, concatBatches, type EpochResult, type MlpTrainer, type MlpWeights } from './mlp-trainer.js';

export function webgradMlpTrainer(backend: Backend): MlpTrainer {
  const threads = (backend as { threads?: number }).threads ?? 1;
  return {
    name: `webgrad ${backend.name} ${threads}thr`,
    detail: `webgrad ${backend.name} backend, ${threads} thread(s): d2lModel('mlp'), SGD, fit() (autograd, fused linear+ReLU, fused cross-entropy)`,
    async epoch(weights: MlpWeights, batches: readonly HostBatch<Uint8Array>[]): Promise<EpochResult> {
      const model = d2lModel('mlp', { backend });
      const params = model.namedParameters();
      const initial: Record<string, Float32Array> = { '0.weight': weights.w1, '0.bias': weights.b1, '2.weight': weights.w2, '2.bias': weights.b2 };
      for (const [name, p] of params) backend.write(p.storage, initial[name]);
      // the batches, concatenated in visiting order, so fit()'s unshuffled loader visits exactly them
      const { x, y } = concatBatches(batches);
      const data = makeDataset(x, y, [MLP.inputs]);
      const started = performance.now();
      const { history } = await fit(model, {
        trainData: data, epochs: 1, batchSize: MLP.batchSize, shuffle: false,
        optimizer: new SGD(model.parameters(), { lr: MLP.lr }),
      });
      const seconds = (performance.now() - started) / 1000;
      model.dispose();
      return { seconds, meanLoss: history[0].trainLoss };
    },
  };
}
