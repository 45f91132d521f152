/**
 * The MLP training step in jax-js, as a JAX user writes it: a pure loss of the parameter list,
 * one jitted step computing valueAndGrad and the SGD update; the batch uploaded each step.
 * No read inside the step.
 */
import type * as JAX from '@jax-js/jax';
import type { MlpStepCase } from '../cases.js';
import { transposed, type MlpStepInputs } from '../inputs.js';

type Jax = typeof JAX;
type JaxArray = JAX.Array;

export interface JaxMlpStep {
  /** One step on the current parameters; returns its loss (the parameters move on). */
  op(): JaxArray;
  /** Resets the parameters to the initial ones, runs one step and reads its loss. */
  firstLoss(): Promise<Float32Array>;
  dispose(): void;
}

export function jaxMlpStep(jax: Jax, c: MlpStepCase, p: MlpStepInputs): JaxMlpStep {
  const np = jax.numpy;
  const nn = jax.nn;
  const initialParams = (): JaxArray[] => [
    np.array(transposed(p.w1, c.hidden, c.inputs), { shape: [c.inputs, c.hidden] }),
    np.array(p.b1, { shape: [c.hidden] }),
    np.array(transposed(p.w2, c.classes, c.hidden), { shape: [c.hidden, c.classes] }),
    np.array(p.b2, { shape: [c.classes] }),
  ];
  const loss = (params: JaxArray[], x: JaxArray, y: JaxArray): JaxArray => {
    const [w1, b1, w2, b2] = params;
    const h = nn.relu(np.add(np.matmul(x, w1), b1));
    const logits = np.add(np.matmul(h, w2), b2);
    return np.negative(np.mean(np.sum(np.multiply(nn.logSoftmax(logits, -1), y), -1)));
  };
  const lossAndGrad = jax.valueAndGrad(loss);
  const step = jax.jit((params: JaxArray[], x: JaxArray, y: JaxArray) => {
    const [value, grads] = lossAndGrad(params.map((q) => q.ref), x, y) as unknown as [JaxArray, JaxArray[]];
    return [value, params.map((q, i) => np.subtract(q, np.multiply(grads[i], c.lr)))] as unknown as JaxArray[];
  });
  let params = initialParams();
  const run = (): JaxArray => {
    const x = np.array(p.x, { shape: [c.batch, c.inputs] });
    const y = np.array(p.onehot, { shape: [c.batch, c.classes] });
    const [value, next] = step(params, x, y) as unknown as [JaxArray, JaxArray[]];
    params = next;
    return value;
  };
  return {
    op: run,
    async firstLoss() {
      params.forEach((q) => q.dispose());
      params = initialParams();
      return (await run().data()) as Float32Array;
    },
    dispose() {
      params.forEach((q) => q.dispose());
      step.dispose();
    },
  };
}
