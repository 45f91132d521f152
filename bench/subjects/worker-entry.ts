/**
 * A worker thread hosting one bench subject (worker-subject.ts starts it): it makes the subject,
 * prepares one case at a time, runs the checks' output and times itself with the bench's timing code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BenchCase } from '../cases.js';
import type { CaseInputs } from '../inputs.js';
import { measure, type TimingOptions } from '../timing.js';
import type { PreparedCase, Subject, TimedMode } from './subject.js';
import type { InitPayload, PreparedSummary, SubjectSummary, WorkerReply, WorkerRequest, WorkerSubjectSpec } from './worker-protocol.js';

const spec = workerData as WorkerSubjectSpec;
let subject: Subject | null = null;
let prepared: PreparedCase | null = null;
let caseId = '';

function current(): PreparedCase {
  if (!prepared) throw new Error('no case prepared');
  return prepared;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'init': {
      const mod = (await import(spec.module)) as Record<string, (...args: unknown[]) => Promise<Subject>>;
      subject = await mod[spec.factory](...spec.args);
      const { cases } = request.payload as InitPayload;
      const summary: SubjectSummary = {
        name: subject.name, isWebgrad: subject.isWebgrad, threads: subject.threads, detail: subject.detail,
        skip: Object.fromEntries(cases.map((c) => [c.id, subject!.skipReason(c)])),
      };
      return summary;
    }
    case 'prepare': {
      const { c, inputs, chain } = request.payload as { c: BenchCase; inputs: CaseInputs; chain: number };
      if (!subject) throw new Error('the subject was not made');
      prepared = await subject.prepare(c, inputs, chain);
      caseId = c.id;
      const summary: PreparedSummary = { opsPerRun: prepared.opsPerRun, hasKernel: prepared.runKernel !== null, kernelNote: prepared.kernelNote };
      return summary;
    }
    case 'run': {
      const p = current();
      const run = (request.payload as TimedMode) === 'kernel' ? p.runKernel : p.run;
      if (!run) throw new Error(p.kernelNote ?? 'no kernel-only run');
      await run();
      return null;
    }
    case 'measure': {
      const { mode, options } = request.payload as { mode: TimedMode; options: TimingOptions };
      return measure(`${subject?.name} ${caseId}`, current(), mode, options);
    }
    case 'output':
      return current().output();
    case 'disposeCase':
      await prepared?.dispose();
      prepared = null;
      return null;
    case 'dispose':
      await prepared?.dispose();
      await subject?.dispose();
      return null;
  }
}

parentPort!.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => parentPort!.postMessage({ id: request.id, ok: true, value } satisfies WorkerReply),
    (error: unknown) =>
      parentPort!.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
