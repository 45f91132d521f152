/**
 * The MLP epoch in TensorFlow.js (tfjs-backend-wasm, one thread), as a tfjs user writes it:
 * variables, tf.train.sgd and optimizer.minimize over tf.losses.softmaxCrossEntropy.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { HostBatch } from '../../bindings/data/dataloader.js';
import { registerTfjsGradients } from '../subjects/tfjs-gradients.js';
import { MLP, oneHot, transpose, type EpochResult, type MlpTrainer, type MlpWeights } from './mlp-trainer.js';

export async function tfjsMlpTrainer(): Promise<MlpTrainer> {
  const tf = await import('@tensorflow/tfjs-core');
  await registerTfjsGradients();
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setThreadsCount(1);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs could not start its wasm backend');
  await tf.ready();
  return {
    name: 'tfjs-wasm',
    detail: `@tensorflow/tfjs-backend-wasm ${tf.version_core}, threads: ${wasm.getThreadsCount()}; tf.train.sgd().minimize()`,
    async epoch(weights: MlpWeights, batches: readonly HostBatch<Uint8Array>[]): Promise<EpochResult> {
      const { inputs, hidden, classes } = MLP;
      // tfjs's dense layout: x·W with W [in, out]
      const w1 = tf.variable(tf.tensor2d(transpose(weights.w1, hidden, inputs), [inputs, hidden]));
      const b1 = tf.variable(tf.tensor1d(weights.b1));
      const w2 = tf.variable(tf.tensor2d(transpose(weights.w2, classes, hidden), [hidden, classes]));
      const b2 = tf.variable(tf.tensor1d(weights.b2));
      const optimizer = tf.train.sgd(MLP.lr);
      let total = 0, seen = 0;
      const started = performance.now();
      for (const batch of batches) {
        const x = tf.tensor2d(batch.x, [batch.size, inputs]);
        const y = tf.tensor2d(oneHot(batch.y, classes), [batch.size, classes]);
        const cost = optimizer.minimize(() => {
          const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
          return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, w2), b2)) as TF.Scalar;
        }, true, [w1, b1, w2, b2])!;
        total += cost.dataSync()[0] * batch.size;
        seen += batch.size;
        tf.dispose([x, y, cost]);
      }
      const seconds = (performance.now() - started) / 1000;
      optimizer.dispose();
      tf.dispose([w1, b1, w2, b2]);
      return { seconds, meanLoss: total / seen };
    },
  };
}
