/**
 * A bench subject hosted in its own worker thread, for libraries whose setup is once per JS thread
 * (onnxruntime-web fixes its thread count when its wasm module starts). The worker times itself
 * with the same timing code, so no message passing enters a measured run.
 */
import { Worker } from 'node:worker_threads';
import type { BenchCase } from '../cases.js';
import type { CaseOutput } from '../check.js';
import type { CaseInputs } from '../inputs.js';
import type { Timing, TimingOptions } from '../timing.js';
import type { PreparedCase, Subject, TimedMode } from './subject.js';
import type { PreparedSummary, SubjectSummary, WorkerReply, WorkerRequest, WorkerSubjectSpec } from './worker-protocol.js';

/** Starts the worker, makes the subject there and answers for it; `cases` are the cases skipReason() will be asked about. */
export async function workerSubject(spec: WorkerSubjectSpec, cases: readonly BenchCase[]): Promise<Subject> {
  const worker = new Worker(new URL('./worker-entry.js', import.meta.url), { workerData: spec });
  worker.unref();
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new Error(reply.error));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the worker thread exited (code ${code})`)));
  const call = <T>(type: WorkerRequest['type'], payload?: unknown): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, type, payload } satisfies WorkerRequest);
    });
  };

  let summary: SubjectSummary;
  try {
    summary = await call<SubjectSummary>('init', { cases });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    name: summary.name,
    isWebgrad: summary.isWebgrad,
    threads: summary.threads,
    detail: summary.detail,
    skipReason: (c) => summary.skip[c.id] ?? null,
    async prepare(c: BenchCase, inputs: CaseInputs, chain: number): Promise<PreparedCase> {
      const p = await call<PreparedSummary>('prepare', { c, inputs, chain });
      return {
        run: () => call<void>('run', 'read'),
        runKernel: p.hasKernel ? () => call<void>('run', 'kernel') : null,
        kernelNote: p.kernelNote,
        async: true,
        opsPerRun: p.opsPerRun,
        output: () => call<CaseOutput>('output'),
        measure: (mode: TimedMode, options: TimingOptions) => call<Timing>('measure', { mode, options }),
        dispose: () => call<void>('disposeCase'),
      };
    },
    async dispose() {
      try {
        await call('dispose');
      } finally {
        await worker.terminate();
      }
    },
  };
}
