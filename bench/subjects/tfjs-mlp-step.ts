/**
 * The MLP training step in TensorFlow.js, as a tfjs user writes it: variables,
 * tf.train.sgd(lr).minimize() over tf.losses.softmaxCrossEntropy, returning the cost; the batch
 * uploaded from host arrays each step. No read inside the step.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { MlpStepCase } from '../cases.js';
import { transposed, type MlpStepInputs } from '../inputs.js';
import type { CaseOps } from './timed-runs.js';

type Tfjs = typeof TF;
type ReadAll = (ts: readonly TF.Tensor[]) => Float32Array[] | Promise<Float32Array[]>;

export function tfjsMlpStep(tf: Tfjs, c: MlpStepCase, p: MlpStepInputs, readAll: ReadAll): Omit<CaseOps<TF.Tensor>, 'finish'> {
  // tfjs's dense layout: x·W with W [in, out]
  const initial = [
    () => tf.tensor2d(transposed(p.w1, c.hidden, c.inputs), [c.inputs, c.hidden]),
    () => tf.tensor1d(p.b1),
    () => tf.tensor2d(transposed(p.w2, c.classes, c.hidden), [c.hidden, c.classes]),
    () => tf.tensor1d(p.b2),
  ];
  const params = initial.map((make) => tf.variable(make()));
  const [w1, b1, w2, b2] = params;
  const optimizer = tf.train.sgd(c.lr);
  const step = (): TF.Tensor => {
    const x = tf.tensor2d(p.x, [c.batch, c.inputs]);
    const y = tf.tensor2d(p.onehot, [c.batch, c.classes]);
    const cost = optimizer.minimize(() => {
      const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, w2), b2)) as TF.Scalar;
    }, true, params)!;
    tf.dispose([x, y]);
    return cost;
  };
  const readLast = (losses: readonly TF.Tensor[]) => readAll([losses[losses.length - 1]]);
  return {
    op: step,
    read: (losses) => {
      const values = readLast(losses);
      return values instanceof Promise ? values.then(() => undefined) : undefined;
    },
    release: (loss) => loss.dispose(),
    output: async () => {
      params.forEach((v, i) => tf.tidy(() => v.assign(initial[i]())));
      const loss = step();
      const [value] = await readAll([loss]);
      loss.dispose();
      return { kind: 'mlpStep', loss: value[0] };
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose(params);
    },
  };
}
