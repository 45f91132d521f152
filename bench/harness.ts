/**
 * Runs a suite: for every case, every subject in turn (interleaved, so drift in the machine's load
 * hits them alike) is prepared, checked against the f64 reference (first run), timed with the read
 * and, where it can be, without. A subject that fails on a case is noted and the suite carries on.
 */
import type { BenchCase } from './cases.js';
import { checkOutput } from './check.js';
import { makeInputs } from './inputs.js';
import { makeRecord, type BenchRecord } from './results.js';
import type { Subject } from './subjects/subject.js';
import { measure, type TimingOptions } from './timing.js';

export interface SuiteOptions extends TimingOptions {
  /** Repetitions of the suite; each figure is the median of the runs' medians. */
  readonly runs: number;
  /** Operations per timed run on asynchronous subjects. */
  readonly chain: number;
  /** Also time each case without the read. */
  readonly kernelOnly: boolean;
  /**
   * Seconds one subject may spend on one case (prepare, check and timing) before it is given up
   * for the rest of the suite (a hung device wait, say); none by default.
   */
  readonly caseTimeout?: number;
}

class CaseTimeout extends Error {}

/** Resolves as `work` does, or rejects with a CaseTimeout after `seconds`. */
function within<T>(work: Promise<T>, seconds: number | undefined, what: string): Promise<T> {
  if (seconds === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CaseTimeout(`${what}: no answer after ${seconds} s`)), seconds * 1e3);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

interface Cell {
  readMs: number[];
  kernelMs: number[];
  kernelNote: string | null;
  check: string;
  /** Timed runs made (device waits on asynchronous subjects). */
  runs: number;
}

export interface SuiteResult {
  readonly records: BenchRecord[];
  /** Timed runs made in all, warm-ups included. */
  readonly timedRuns: number;
}

export async function runSuite(
  cases: readonly BenchCase[], subjects: readonly Subject[], options: SuiteOptions,
  progress: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<SuiteResult> {
  const cells = new Map<string, Cell>();
  const key = (c: BenchCase, s: Subject) => `${c.id}\u0000${s.name}`;
  /** Subjects given up after a timeout, with the reason. */
  const givenUp = new Map<string, string>();
  for (let run = 0; run < options.runs; run++) {
    for (const c of cases) {
      if (subjects.every((s) => s.skipReason(c) !== null)) continue;
      const inputs = makeInputs(c);
      for (const s of subjects) {
        const k = key(c, s);
        const cell = cells.get(k) ?? { readMs: [], kernelMs: [], kernelNote: null, check: 'not run', runs: 0 };
        cells.set(k, cell);
        if (s.skipReason(c) !== null || cell.check.startsWith('failed')) continue;
        if (givenUp.has(s.name)) {
          cell.check = `failed: ${givenUp.get(s.name)}`;
          continue;
        }
        const started = performance.now();
        const left = () => (options.caseTimeout === undefined ? undefined : Math.max(1, options.caseTimeout - (performance.now() - started) / 1e3));
        const timed = <T>(work: Promise<T>) => within(work, left(), `${s.name} on ${c.id}`);
        try {
          const prepared = await timed(s.prepare(c, inputs, options.chain));
          try {
            if (run === 0) cell.check = checkOutput(c, inputs, await timed(prepared.output())).text;
            const read = await timed(measure(`${s.name} ${c.id}`, prepared, 'read', options));
            cell.readMs.push(read.medianMs);
            cell.runs += read.runs;
            let kernelText = '';
            if (prepared.runKernel && options.kernelOnly) {
              const kernel = await timed(measure(`${s.name} ${c.id}`, prepared, 'kernel', options));
              cell.kernelMs.push(kernel.medianMs);
              cell.runs += kernel.runs;
              kernelText = `, kernel only ${kernel.medianMs.toFixed(3)} ms`;
            } else {
              cell.kernelNote = options.kernelOnly ? prepared.kernelNote ?? 'not measured' : 'not measured (kernel-only timing off)';
            }
            progress(
              `  run ${run + 1}/${options.runs}  ${c.id.padEnd(22)} ${s.name.padEnd(18)} ${read.medianMs.toFixed(3)} ms with read` +
                `${kernelText} (${read.samples} samples)${cell.check === 'ok' ? '' : `  ${cell.check}`}`,
            );
          } finally {
            await timed(Promise.resolve().then(() => prepared.dispose())).catch(() => undefined);
          }
        } catch (error) {
          if (error instanceof CaseTimeout) givenUp.set(s.name, `given up after a timeout on ${c.id}`);
          cell.check = `failed: ${(error as Error).message.split('\n')[0]}`;
          progress(`  ${c.id} ${s.name} failed: ${(error as Error).stack ?? error}`);
        }
      }
    }
  }
  const records: BenchRecord[] = [];
  let timedRuns = 0;
  for (const c of cases)
    for (const s of subjects) {
      const cell = cells.get(key(c, s));
      timedRuns += cell?.runs ?? 0;
      const failed = cell?.check.startsWith('failed') ? cell.check : null;
      records.push(makeRecord(c, {
        subject: s.name, webgrad: s.isWebgrad, threads: s.threads,
        readMs: cell?.readMs ?? [], kernelMs: cell?.kernelMs ?? [], kernelNote: cell?.kernelNote ?? null,
        check: cell?.check ?? 'not run', skipped: s.skipReason(c) ?? failed,
      }));
    }
  return { records, timedRuns };
}

/** Makes a subject, or notes why it is not measured. */
export async function attemptSubject(
  subjects: Subject[], unavailable: string[], what: string, make: () => Promise<Subject | string>,
): Promise<void> {
  try {
    const s = await make();
    if (typeof s === 'string') unavailable.push(s);
    else subjects.push(s);
  } catch (error) {
    unavailable.push(`${what}: ${(error as Error).message.split('\n')[0]}`);
  }
}
