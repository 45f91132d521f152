/**
 * TensorFlow.js as a peer: @tensorflow/tfjs-backend-wasm (XNNPACK, one thread) or
 * @tensorflow/tfjs-backend-webgpu, written the way a tfjs user writes it: tf.matMul with its
 * transpose flags, tf.softmax, tf.valueAndGrad over tf.losses.softmaxCrossEntropy, and
 * optimizer.minimize() for the training step. Results are read with dataSync() (wasm) or
 * await data() (webgpu).
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { BenchCase } from '../cases.js';
import type { CaseOutput } from '../check.js';
import type { CaseInputs, MatmulInputs, MlpStepInputs, RowsInputs } from '../inputs.js';
import type { PreparedCase, Subject } from './subject.js';
import { tfjsMlpStep } from './tfjs-mlp-step.js';
import { registerTfjsGradients } from './tfjs-gradients.js';
import { preparedFrom, type CaseOps } from './timed-runs.js';

/** The tfjs-webgpu backend's own queue methods: the only way to wait for its work without reading a tensor. */
interface TfjsWebGPUQueue {
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  queue: GPUQueue;
}

export async function tfjsSubject(device: 'wasm' | 'webgpu'): Promise<Subject> {
  const tf = await import('@tensorflow/tfjs-core');
  await registerTfjsGradients();
  const wasm = device === 'wasm' ? await import('@tensorflow/tfjs-backend-wasm') : null;
  if (wasm) wasm.setThreadsCount(1);
  else await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend(device))) throw new Error(`tfjs could not start its ${device} backend`);
  await tf.ready();
  const threads = wasm ? wasm.getThreadsCount() : null;
  const sync = device === 'wasm';

  const readSync = (ts: readonly TF.Tensor[]): Float32Array[] => ts.map((t) => t.dataSync() as Float32Array);
  const readAsync = (ts: readonly TF.Tensor[]): Promise<Float32Array[]> =>
    Promise.all(ts.map(async (t) => (await t.data()) as Float32Array));
  const readAll = sync ? readSync : readAsync;
  const finish = sync
    ? () => {}
    : async () => {
        const backend = tf.backend() as unknown as TfjsWebGPUQueue;
        backend.ensureCommandEncoderReady();
        backend.endComputePassEncoder();
        backend.submitQueue();
        await backend.queue.onSubmittedWorkDone();
      };

  return {
    name: `tfjs-${device}`,
    isWebgrad: false,
    threads,
    detail: `@tensorflow/tfjs-backend-${device} ${tf.version_core}${threads === null ? '' : `, threads: ${threads}`}; ` +
      (sync ? 'read: dataSync()' : 'read: await data(); kernel only: the backend\'s submitQueue() + queue.onSubmittedWorkDone()'),
    skipReason: () => null,
    async prepare(c: BenchCase, inputs: CaseInputs, chain: number): Promise<PreparedCase> {
      await tf.setBackend(device);
      if (c.kind === 'mlpStep') {
        const step = tfjsMlpStep(tf, c, inputs as MlpStepInputs, readAll);
        return preparedFrom({ ...step, finish }, !sync, chain);
      }
      let op: () => TF.Tensor[];
      let toOutput: (values: Float32Array[]) => CaseOutput;
      const owned: TF.Tensor[] = [];
      if (c.kind === 'matmul') {
        const { a: aData, b: bData, aShape, bShape } = inputs as MatmulInputs;
        const a = tf.tensor2d(aData, aShape);
        const b = tf.tensor2d(bData, bShape);
        owned.push(a, b);
        op = () => [tf.matMul(a, b, c.transA, c.transB)];
        toOutput = ([y]) => ({ kind: 'matmul', c: y });
      } else if (c.kind === 'softmax') {
        const x = tf.tensor2d((inputs as RowsInputs).x, [c.rows, c.cols]);
        owned.push(x);
        op = () => [tf.softmax(x)];
        toOutput = ([y]) => ({ kind: 'softmax', y });
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
        toOutput = ([value, grad]) => ({ kind: 'crossEntropy', meanLoss: value[0], grad });
      }
      const ops: CaseOps<TF.Tensor[]> = {
        op,
        read: sync ? (runs) => void readSync(runs[runs.length - 1]) : async (runs) => void (await readAsync(runs[runs.length - 1])),
        finish,
        release: (results) => tf.dispose(results),
        output: async () => {
          const results = op();
          const out = toOutput(await readAll(results));
          tf.dispose(results);
          return out;
        },
        dispose: () => owned.forEach((t) => t.dispose()),
      };
      return preparedFrom(ops, !sync, chain);
    },
    async dispose() {
      tf.disposeVariables();
    },
  };
}
