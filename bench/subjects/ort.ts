/**
 * ONNX Runtime Web as a peer: its wasm execution provider with `env.wasm.numThreads` threads, on
 * tiny ONNX graphs built in code (onnx-model.ts): one Gemm node with transA / transB for every
 * matmul, one Softmax on the last axis. `await session.run(feeds)` returns the output already
 * in a JS typed array (`.data`), so the read is part of every run and there is no kernel-only
 * figure. The thread count is fixed when ORT's wasm module starts, once per JS thread: the bench
 * hosts each ORT subject in its own worker thread (worker-subject.ts).
 */
import type * as ORT from 'onnxruntime-web';
import type { BenchCase } from '../cases.js';
import type { CaseOutput } from '../check.js';
import type { CaseInputs, MatmulInputs, RowsInputs } from '../inputs.js';
import { encodeOnnxModel, matmulGraph, softmaxGraph, type OnnxGraph } from './onnx-model.js';
import { packageVersion } from './package-version.js';
import type { PreparedCase, Subject } from './subject.js';
import { preparedFrom } from './timed-runs.js';

const NO_AUTOGRAD =
  'onnxruntime-web runs inference graphs: it has no autograd for the gradient (a hand-written gradient graph is not what the other subjects time)';

export async function ortSubject(threads: number): Promise<Subject> {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = threads;
  ort.env.logLevel = 'error';
  const version = await packageVersion('onnxruntime-web');
  // starts the wasm module with the thread count, and fails here when the runtime cannot
  const probe = await ort.InferenceSession.create(encodeOnnxModel(softmaxGraph(1, 2)), { executionProviders: ['wasm'] });
  await probe.release();
  const effective = ort.env.wasm.numThreads ?? threads;

  return {
    name: `ort-web ${effective}thr${effective === threads ? '' : ` (${threads} asked)`}`,
    isWebgrad: false,
    threads: effective,
    detail:
      `onnxruntime-web ${version}, wasm execution provider, env.wasm.numThreads = ${effective} (own worker thread); ` +
      'graphs built in code: Gemm(transA, transB) for matmul, Softmax(axis −1); read: the output tensor\'s .data after await session.run()',
    skipReason(c) {
      if (c.kind === 'crossEntropy') return NO_AUTOGRAD;
      if (c.kind === 'mlpStep') return 'onnxruntime-web has no training step (inference only)';
      return null;
    },
    async prepare(c: BenchCase, inputs: CaseInputs): Promise<PreparedCase> {
      let graph: OnnxGraph;
      let feeds: Record<string, ORT.Tensor>;
      let toOutput: (y: Float32Array) => CaseOutput;
      if (c.kind === 'matmul') {
        const { a, b, aShape, bShape } = inputs as MatmulInputs;
        graph = matmulGraph(c);
        feeds = { A: new ort.Tensor('float32', a, aShape), B: new ort.Tensor('float32', b, bShape) };
        toOutput = (y) => ({ kind: 'matmul', c: y });
      } else if (c.kind === 'softmax') {
        graph = softmaxGraph(c.rows, c.cols);
        feeds = { X: new ort.Tensor('float32', (inputs as RowsInputs).x, [c.rows, c.cols]) };
        toOutput = (y) => ({ kind: 'softmax', y });
      } else {
        throw new Error(`ort-web: no ${c.kind} graph`);
      }
      const session = await ort.InferenceSession.create(encodeOnnxModel(graph), {
        executionProviders: ['wasm'], graphOptimizationLevel: 'all',
      });
      const outputName = graph.outputs[0].name;
      const run = async (): Promise<Float32Array> => {
        const results = await session.run(feeds);
        return results[outputName].data as Float32Array;
      };
      return preparedFrom<Promise<Float32Array>>({
        op: run,
        read: async (runs) => void (await Promise.all(runs)),
        finish: null,
        kernelNote: 'session.run() returns its output in a JS typed array: the read is part of the run',
        release: () => {},
        output: async () => toOutput(await run()),
        dispose: () => session.release(),
      }, true, 1);
    },
    async dispose() {},
  };
}
