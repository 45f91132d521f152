/** What the bench measures: a webgrad backend or a peer library, one case at a time. */
import type { BenchCase } from '../cases.js';
import type { CaseOutput } from '../check.js';
import type { CaseInputs } from '../inputs.js';
import type { Timing, TimingOptions } from '../timing.js';

/**
 * The two figures of a case: 'read', what a user sees (the operation, then its result in a JS
 * typed array: the headline, used for ratios), and 'kernel', the operation alone (synchronous
 * subjects: the call; asynchronous ones: a wait for the device to finish, without a read).
 */
export type TimedMode = 'read' | 'kernel';

/** One case set up on a subject: inputs uploaded, functions compiled. */
export interface PreparedCase {
  /** One timed run ending with the result in a JS typed array. Returns a promise where the subject is asynchronous. */
  run(): void | Promise<void>;
  /** One timed run without the read; null where the subject cannot finish without reading (kernelNote says why). */
  readonly runKernel: (() => void | Promise<void>) | null;
  readonly kernelNote?: string;
  /** Whether run() returns a promise. */
  readonly async: boolean;
  /** Operations one run() performs (asynchronous subjects chain several before one wait). */
  readonly opsPerRun: number;
  /** The operation's result, read to the host, for the check. */
  output(): Promise<CaseOutput>;
  /**
   * Subjects hosted in another thread time themselves there, with the same timing code; the
   * harness calls this instead of timing run() from here.
   */
  measure?(mode: TimedMode, options: TimingOptions): Promise<Timing>;
  dispose(): void | Promise<void>;
}

export interface Subject {
  /** Column name, e.g. "webgrad wasm 1thr" or "tfjs-wasm". */
  readonly name: string;
  /** webgrad backends are compared with the peers. */
  readonly isWebgrad: boolean;
  /** Threads the subject computes on, where it says (null: not stated, e.g. a GPU). */
  readonly threads: number | null;
  /** A line on what exactly runs (build variant, threads, how results are read), printed above the table. */
  readonly detail: string;
  /** A reason to leave a case out (shown in the table), or null to run it. */
  skipReason(c: BenchCase): string | null;
  /** chain: operations per timed run on asynchronous subjects, whose results are awaited together. */
  prepare(c: BenchCase, inputs: CaseInputs, chain: number): Promise<PreparedCase>;
  dispose(): Promise<void>;
}
