/**
 * TensorFlow.js as a peer: @tensorflow/tfjs-backend-wasm (XNNPACK, one thread) or
 * @tensorflow/tfjs-backend-webgpu, written the way a tfjs user writes it: tf.matMul with its
 * transpose flags, tf.softmax, and tf.valueAndGrad over tf.losses.softmaxCrossEntropy.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { BenchCase } from '../cases.js';
import type { CaseOutput } from '../check.js';
import type { CaseInputs, MatmulInputs, RowsInputs } from '../inputs.js';
import type { PreparedCase, Subject } from './subject.js';
import { registerTfjsGradients } from './tfjs-gradients.js';

export async function tfjsSubject(device: 'wasm' | 'webgpu'): Promise<Subject> {
  const tf = await import('@tensorflow/tfjs-core');
  await registerTfjsGradients();
  let threads = () => '';
  if (device === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setThreadsCount(1);
    threads = () => `, threads: ${wasm.getThreadsCount()}`;
  } else {
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  if (!(await tf.setBackend(device))) throw new Error(`tfjs could not start its ${device} backend`);
  await tf.ready();
  const sync = device === 'wasm';

  return {
    name: `tfjs-${device}`,
    isWebgrad: false,
    detail: `@tensorflow/tfjs-backend-${device} ${tf.version_core}${threads()}`,
    skipReason: () => null,
    async prepare(c: BenchCase, inputs: CaseInputs, chain: number): Promise<PreparedCase> {
      tf.setBackend(device);
      let op: () => TF.Tensor[];
      let toOutput: (t: TF.Tensor[]) => Promise<CaseOutput>;
      const owned: TF.Tensor[] = [];
      if (c.kind === 'matmul') {
        const { a: aData, b: bData, aShape, bShape } = inputs as MatmulInputs;
        const a = tf.tensor2d(aData, aShape);
        const b = tf.tensor2d(bData, bShape);
        owned.push(a, b);
        op = () => [tf.matMul(a, b, c.transA, c.transB)];
        toOutput = async ([t]) => ({ kind: 'matmul', c: (await t.data()) as Float32Array });
      } else if (c.kind === 'softmax') {
        const x = tf.tensor2d((inputs as RowsInputs).x, [c.rows, c.cols]);
        owned.push(x);
        op = () => [tf.softmax(x)];
        toOutput = async ([t]) => ({ kind: 'softmax', y: (await t.data()) as Float32Array });
      } else {
        const { x: xData, onehot: onehotData } = inputs as RowsInputs;
        const x = tf.tensor2d(xData, [c.rows, c.cols]);
        const onehot = tf.tensor2d(onehotData, [c.rows, c.cols]);
        owned.push(x, onehot);
        const lossAndGrad = tf.valueAndGrad((logits: TF.Tensor) => tf.losses.softmaxCrossEntropy(onehot, logits));
        op = () => {
          const { value, grad } = lossAndGrad(x);
          return [value, grad];
        };
        toOutput = async ([value, grad]) => ({
          kind: 'crossEntropy',
          meanLoss: (await value.data())[0],
          grad: (await grad.data()) as Float32Array,
        });
      }
      return {
        async: !sync,
        opsPerRun: sync ? 1 : chain,
        run: sync
          ? () => tf.dispose(op())
          : async () => {
              const runs = Array.from({ length: chain }, op);
              const last = runs[chain - 1];
              await last[last.length - 1].data();
              runs.forEach((results) => tf.dispose(results));
            },
        output: async () => {
          const results = op();
          const out = await toOutput(results);
          tf.dispose(results);
          return out;
        },
        dispose: () => owned.forEach((t) => t.dispose()),
      };
    },
    async dispose() {
      tf.disposeVariables();
    },
  };
}
