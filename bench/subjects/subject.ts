/** What the bench measures: a webgrad backend or a peer library, one case at a time. */
import type { BenchCase } from '../cases.js';
import type { CaseOutput } from '../check.js';
import type { CaseInputs } from '../inputs.js';

/** One case set up on a subject: inputs uploaded, functions compiled. */
export interface PreparedCase {
  /**
   * One timed run: the operation and whatever makes its result ready (a sync call on wasm,
   * a readback on WebGPU). Returns a promise where the subject is asynchronous.
   */
  run(): void | Promise<void>;
  /** Whether run() returns a promise. */
  readonly async: boolean;
  /** Operations one run() performs (asynchronous subjects chain several before one wait). */
  readonly opsPerRun: number;
  /** The operation's result, read to the host, for the check. */
  output(): Promise<CaseOutput>;
  dispose(): void;
}

export interface Subject {
  /** Column name, e.g. "webgrad wasm" or "tfjs-wasm". */
  readonly name: string;
  /** webgrad backends are compared with the peers. */
  readonly isWebgrad: boolean;
  /** A line on what exactly runs (build variant, threads), printed above the table. */
  readonly detail: string;
  /** A reason to leave a case out (shown in the table), or null to run it. */
  skipReason(c: BenchCase): string | null;
  /** chain: operations per timed run on asynchronous subjects, whose results are awaited together. */
  prepare(c: BenchCase, inputs: CaseInputs, chain: number): Promise<PreparedCase>;
  dispose(): Promise<void>;
}
