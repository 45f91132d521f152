/**
 * The MLP training step in webgrad, as a user writes it: Sequential(Linear, ReLU, Linear), SGD,
 * softmaxCrossEntropy, backward() and step() inside tidy(); the batch uploaded from a host array
 * each step, as a data loader does. No read inside the step: the loss stays on the device.
 */
import {
  Linear, ReLU, SGD, Sequential, backward, softmaxCrossEntropy, tensor, tidy, type Backend, type Tensor,
} from '../../bindings/index.js';
import type { MlpStepCase } from '../cases.js';
import type { MlpStepInputs } from '../inputs.js';
import type { CaseOps } from './timed-runs.js';
import { discard } from './webgrad-read.js';

type ReadAll = (ts: readonly Tensor[], slot: string) => Float32Array[] | Promise<Float32Array[]>;

export function webgradMlpStep(
  backend: Backend, c: MlpStepCase, p: MlpStepInputs, readAll: ReadAll,
): Omit<CaseOps<Tensor>, 'finish' | 'kernelNote'> {
  const model = new Sequential(
    new Linear(c.inputs, c.hidden, { backend }), new ReLU(), new Linear(c.hidden, c.classes, { backend }),
  );
  const initial: Record<string, Float32Array> = { '0.weight': p.w1, '0.bias': p.b1, '2.weight': p.w2, '2.bias': p.b2 };
  const load = () => {
    for (const [name, param] of model.namedParameters()) param.copyFrom(initial[name]);
  };
  load();
  const optimizer = new SGD(model.parameters(), { lr: c.lr });
  const step = (): Tensor =>
    tidy(() => {
      const loss = softmaxCrossEntropy(model.forward(tensor(p.x, [c.batch, c.inputs], { backend })), p.labels);
      optimizer.zeroGrad();
      backward(loss);
      optimizer.step();
      return loss;
    });
  return {
    op: step,
    read: (losses) => discard(readAll([losses[losses.length - 1]], 'loss')),
    release: (loss) => loss.dispose(),
    output: async () => {
      load();
      const loss = step();
      const [value] = await readAll([loss], 'check');
      loss.dispose();
      return { kind: 'mlpStep', loss: value[0] };
    },
    dispose: () => model.dispose(),
  };
}
