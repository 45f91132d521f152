/**
 * The MLP epoch in jax-js (wasm, one thread), as a JAX user writes it: a pure loss of the
 * parameter list, one jitted step computing valueAndGrad and the SGD update.
 */
import type * as JAX from '@jax-js/jax';
import type { HostBatch } from '../../bindings/data/dataloader.js';
import { packageVersion } from '../subjects/package-version.js';
import { MLP, oneHot, transpose, type EpochResult, type MlpTrainer, type MlpWeights } from './mlp-trainer.js';

type JaxArray = JAX.Array;

export async function jaxMlpTrainer(): Promise<MlpTrainer> {
  const jax = await import('@jax-js/jax');
  if (!(await jax.init('wasm')).includes('wasm')) throw new Error('jax-js could not start its wasm device');
  jax.defaultDevice('wasm');
  const np = jax.numpy;
  const nn = jax.nn;
  const version = await packageVersion('@jax-js/jax');

  const loss = (params: JaxArray[], x: JaxArray, y: JaxArray): JaxArray => {
    const [w1, b1, w2, b2] = params;
    const h = nn.relu(np.add(np.matmul(x, w1), b1));
    const logits = np.add(np.matmul(h, w2), b2);
    return np.negative(np.mean(np.sum(np.multiply(nn.logSoftmax(logits, -1), y), -1)));
  };
  const lossAndGrad = jax.valueAndGrad(loss);
  const step = jax.jit((params: JaxArray[], x: JaxArray, y: JaxArray) => {
    const [value, grads] = lossAndGrad(params.map((p) => p.ref), x, y) as unknown as [JaxArray, JaxArray[]];
    return [value, params.map((p, i) => np.subtract(p, np.multiply(grads[i], MLP.lr)))] as unknown as JaxArray[];
  });

  return {
    name: 'jax-js wasm',
    detail: `@jax-js/jax ${version} on wasm: jit(valueAndGrad(loss) + SGD update) per step`,
    async epoch(weights: MlpWeights, batches: readonly HostBatch<Uint8Array>[]): Promise<EpochResult> {
      const { inputs, hidden, classes } = MLP;
      let params: JaxArray[] = [
        np.array(transpose(weights.w1, hidden, inputs), { shape: [inputs, hidden] }),
        np.array(weights.b1, { shape: [hidden] }),
        np.array(transpose(weights.w2, classes, hidden), { shape: [hidden, classes] }),
        np.array(weights.b2, { shape: [classes] }),
      ];
      let total = 0, seen = 0;
      const started = performance.now();
      for (const batch of batches) {
        const x = np.array(batch.x, { shape: [batch.size, inputs] });
        const y = np.array(oneHot(batch.y, classes), { shape: [batch.size, classes] });
        const [value, next] = step(params, x, y) as unknown as [JaxArray, JaxArray[]];
        params = next;
        total += (await value.data())[0] * batch.size;
        seen += batch.size;
      }
      const seconds = (performance.now() - started) / 1000;
      params.forEach((p) => p.dispose());
      return { seconds, meanLoss: total / seen };
    },
  };
}
