/** Any webgrad Backend as a bench subject, driven through the public API like a user would. */
import { kernels, tensor, type Backend, type Tensor } from '../../bindings/index.js';
import type { BenchCase } from '../cases.js';
import type { CaseOutput } from '../check.js';
import type { CaseInputs, MatmulInputs, MlpStepInputs, RowsInputs } from '../inputs.js';
import type { PreparedCase, Subject } from './subject.js';
import { preparedFrom, type CaseOps } from './timed-runs.js';
import { webgradMlpStep } from './webgrad-mlp-step.js';
import { TensorReader, discard, type ReadTargetMode } from './webgrad-read.js';

export interface WebgradSubjectOptions {
  /** Largest matmul (in flops) to time; bigger ones are skipped with a note. */
  maxMatmulFlops?: number;
  skipNote?: string;
  /** Threads asked of the backend (shown beside the count the backend reports). */
  threadsAsked?: number;
  readTarget?: ReadTargetMode;
}

/** Threads a backend computes on: its `threads` property where it has one, else 1. */
export function backendThreads(backend: Backend): number {
  const threads = (backend as { threads?: unknown }).threads;
  return typeof threads === 'number' && threads >= 1 ? threads : 1;
}

/** The column name: "webgrad wasm 2thr" for threaded backends (with the count asked when it differs). */
export function webgradSubjectName(backend: Backend, threadsAsked?: number): string {
  if (threadsAsked === undefined) return `webgrad ${backend.name}`;
  const threads = backendThreads(backend);
  return `webgrad ${backend.name} ${threads}thr${threads === threadsAsked ? '' : ` (${threadsAsked} asked)`}`;
}

export function webgradSubject(backend: Backend, options: WebgradSubjectOptions = {}): Subject {
  const sync = typeof backend.readSync === 'function';
  const reader = TensorReader.create(options.readTarget ?? 'auto', sync);
  const synchronize = (backend as { synchronize?: () => Promise<void> }).synchronize?.bind(backend);
  const asked = options.threadsAsked;
  const threads = asked === undefined ? null : backendThreads(backend);

  const ops = <R>(chainable: Omit<CaseOps<R>, 'finish' | 'kernelNote'>): CaseOps<R> => ({
    ...chainable,
    finish: sync ? () => {} : synchronize ? () => synchronize() : null,
    kernelNote: sync || synchronize ? undefined : 'the backend has no synchronize(): no wait without a read',
  });
  const readAll = (ts: readonly Tensor[], slot: string): Float32Array[] | Promise<Float32Array[]> =>
    sync ? ts.map((t, i) => reader.readSync(t, `${slot}${i}`)) : Promise.all(ts.map((t, i) => reader.read(t, `${slot}${i}`)));

  const variant = (backend as { variant?: unknown }).variant;
  const details = [
    `webgrad ${backend.name} backend${typeof variant === 'string' ? `, ${variant} build` : ''}`,
    ...(asked === undefined ? [] : [`threads: ${threads} (createWasmBackend({ threads: ${asked} }))`]),
    'kernels.* for the kernel cases (output allocated and disposed each run), nn + autograd + SGD for the training step',
    `read: ${reader.description}`,
    ...(sync ? [] : [synchronize ? 'kernel only: backend.synchronize()' : 'no kernel-only figure (no synchronize())']),
  ];

  return {
    name: webgradSubjectName(backend, asked),
    isWebgrad: true,
    threads,
    detail: details.join('; '),
    skipReason(c) {
      if (c.kind === 'matmul' && options.maxMatmulFlops !== undefined && c.flops > options.maxMatmulFlops)
        return options.skipNote ?? 'skipped';
      return null;
    },
    async prepare(c: BenchCase, inputs: CaseInputs, chain: number): Promise<PreparedCase> {
      const opts = { backend };
      if (c.kind === 'mlpStep') return preparedFrom(ops(webgradMlpStep(backend, c, inputs as MlpStepInputs, readAll)), !sync, chain);
      let owned: Tensor[];
      let op: () => Tensor[];
      let output: (results: Float32Array[]) => Promise<CaseOutput>;
      if (c.kind === 'matmul') {
        const { a: aData, b: bData, aShape, bShape } = inputs as MatmulInputs;
        const a = tensor(aData, aShape, opts);
        const b = tensor(bData, bShape, opts);
        owned = [a, b];
        op = () => [kernels.matmul(a, b, { transA: c.transA, transB: c.transB })];
        output = async ([y]) => ({ kind: 'matmul', c: y });
      } else if (c.kind === 'softmax') {
        const x = tensor((inputs as RowsInputs).x, [c.rows, c.cols], opts);
        owned = [x];
        op = () => [kernels.softmax(x)];
        output = async ([y]) => ({ kind: 'softmax', y });
      } else {
        const { x: xData, labels } = inputs as RowsInputs;
        const x = tensor(xData, [c.rows, c.cols], opts);
        owned = [x];
        op = () => {
          const { loss, grad } = kernels.crossEntropy(x, labels, { grad: true });
          return [loss, grad!];
        };
        output = async ([losses, grad]) => ({
          kind: 'crossEntropy', meanLoss: losses.reduce((s, v) => s + v, 0) / losses.length, grad,
        });
      }
      return preparedFrom(ops<Tensor[]>({
        op,
        read: (runs) => discard(readAll(runs[runs.length - 1], 'out')),
        release: (results) => results.forEach((t) => t.dispose()),
        output: async () => {
          const results = op();
          // the read the timed runs use, copied out of the reused targets
          const values = (await readAll(results, 'check')).map((v) => v.slice());
          results.forEach((t) => t.dispose());
          return output(values);
        },
        dispose: () => owned.forEach((t) => t.dispose()),
      }), !sync, chain);
    },
    async dispose() {
      backend.dispose();
    },
  };
}
