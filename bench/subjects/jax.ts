/**
 * jax-js as a peer, on its wasm or webgpu device, every operation under `jit` and written the way
 * a JAX user writes it: `np.matmul(x.transpose(), y)` (jnp.matmul(x.T, y)), `nn.softmax`,
 * `valueAndGrad` of the mean of −Σ onehot·logSoftmax(logits), and a jitted training step.
 * Results are read with `await data()`; kernel only waits with `blockUntilReady()`.
 */
import type * as JAX from '@jax-js/jax';
import type { BenchCase } from '../cases.js';
import type { CaseOutput } from '../check.js';
import type { CaseInputs, MatmulInputs, MlpStepInputs, RowsInputs } from '../inputs.js';
import { jaxMlpStep } from './jax-mlp-step.js';
import { packageVersion } from './package-version.js';
import type { PreparedCase, Subject } from './subject.js';
import { preparedFrom } from './timed-runs.js';

type JaxArray = JAX.Array;

/**
 * Reads the last run's final result and makes sure the earlier runs were computed (jax-js is lazy).
 * data() consumes a reference and blockUntilReady() does not, hence the ref.
 */
export async function readLastJax(runs: readonly JaxArray[][]): Promise<Float32Array> {
  const finals = runs.map((results) => results[results.length - 1]);
  const [value] = await Promise.all([
    finals[finals.length - 1].ref.data() as Promise<Float32Array>,
    ...finals.slice(0, -1).map((y) => y.blockUntilReady()),
  ]);
  return value;
}

export async function finishJax(runs: readonly JaxArray[][]): Promise<void> {
  await Promise.all(runs.flat().map((y) => y.blockUntilReady()));
}

export async function jaxSubject(device: 'wasm' | 'webgpu'): Promise<Subject> {
  const jax = await import('@jax-js/jax');
  const available = await jax.init(device);
  if (!available.includes(device)) throw new Error(`jax-js could not start its ${device} device`);
  jax.defaultDevice(device);
  const version = await packageVersion('@jax-js/jax');
  const np = jax.numpy;
  const nn = jax.nn;
  const read = async (x: JaxArray): Promise<Float32Array> => (await x.data()) as Float32Array;

  return {
    name: `jax-js ${device}`,
    isWebgrad: false,
    threads: device === 'wasm' ? 1 : null,
    detail: `@jax-js/jax ${version} on ${device}, every call under jit; read: await data(); kernel only: blockUntilReady()`,
    skipReason: () => null,
    async prepare(c: BenchCase, inputs: CaseInputs, chain: number): Promise<PreparedCase> {
      const perRun = device === 'webgpu' ? chain : 1;
      if (c.kind === 'mlpStep') {
        const step = jaxMlpStep(jax, c, inputs as MlpStepInputs);
        return preparedFrom({
          op: () => [step.op()],
          read: async (runs) => void (await readLastJax(runs)),
          finish: finishJax,
          release: ([loss]) => loss.dispose(),
          output: async () => ({ kind: 'mlpStep', loss: (await step.firstLoss())[0] }),
          dispose: step.dispose,
        }, true, perRun);
      }
      const owned: JaxArray[] = [];
      const put = (data: Float32Array, shape: number[]) => {
        const x = np.array(data, { shape });
        owned.push(x);
        return x;
      };
      // call(): run the jitted function on fresh references to the inputs; every result is consumed by the caller
      let call: () => JaxArray[];
      let toOutput: (results: JaxArray[]) => Promise<CaseOutput>;
      let fn: { dispose(): void };
      if (c.kind === 'matmul') {
        const { a: aData, b: bData, aShape, bShape } = inputs as MatmulInputs;
        const a = put(aData, aShape);
        const b = put(bData, bShape);
        const f = jax.jit((x: JaxArray, y: JaxArray) =>
          np.matmul(c.transA ? x.transpose() : x, c.transB ? y.transpose() : y));
        fn = f;
        call = () => [f(a.ref, b.ref)];
        toOutput = async ([y]) => ({ kind: 'matmul', c: await read(y) });
      } else if (c.kind === 'softmax') {
        const x = put((inputs as RowsInputs).x, [c.rows, c.cols]);
        const f = jax.jit((logits: JaxArray) => nn.softmax(logits, -1));
        fn = f;
        call = () => [f(x.ref)];
        toOutput = async ([y]) => ({ kind: 'softmax', y: await read(y) });
      } else {
        const { x: xData, onehot: onehotData } = inputs as RowsInputs;
        const x = put(xData, [c.rows, c.cols]);
        const onehot = put(onehotData, [c.rows, c.cols]);
        const loss = (logits: JaxArray, targets: JaxArray) =>
          np.negative(np.mean(np.sum(np.multiply(nn.logSoftmax(logits, -1), targets), -1)));
        const f = jax.jit(jax.valueAndGrad(loss));
        fn = f;
        call = () => {
          const [value, grad] = f(x.ref, onehot.ref) as unknown as [JaxArray, JaxArray];
          return [value, grad];
        };
        toOutput = async ([value, grad]) => ({
          kind: 'crossEntropy', meanLoss: (await read(value))[0], grad: await read(grad),
        });
      }
      return preparedFrom<JaxArray[]>({
        op: call,
        // every result of the last run is read (the loss and the gradient for cross-entropy)
        read: async (runs) => {
          const last = runs[runs.length - 1];
          await Promise.all([readLastJax(runs), ...last.slice(0, -1).map((y) => y.ref.data())]);
        },
        finish: finishJax,
        release: (results) => results.forEach((r) => r.dispose()),
        output: async () => toOutput(call()),
        dispose: () => {
          owned.forEach((x) => x.dispose());
          fn.dispose();
        },
      }, true, perRun);
    },
    async dispose() {},
  };
}
