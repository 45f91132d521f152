/**
 * The timed runs of a case, made the same way for every subject from its pieces: one operation,
 * the read of a result into a JS typed array, and (where the library has one) a wait without a read.
 */
import type { CaseOutput } from '../check.js';
import type { PreparedCase } from './subject.js';

export interface CaseOps<R> {
  /** One operation (a kernel call, or a training step): its results, not yet read. */
  op(): R;
  /** Brings the last of `results` into JS typed arrays (and makes sure the others were computed). */
  read(results: readonly R[]): void | Promise<void>;
  /**
   * Waits until all of `results` are computed, without reading them; null where the library has no
   * public way to do so. Synchronous subjects: nothing to wait for.
   */
  finish: ((results: readonly R[]) => void | Promise<void>) | null;
  /** Why there is no kernel-only figure, when finish is null. */
  kernelNote?: string;
  /** Frees one operation's results. */
  release(result: R): void;
  output(): Promise<CaseOutput>;
  /** Frees the case's inputs and compiled functions. */
  dispose(): void | Promise<void>;
}

/**
 * A prepared case: synchronous subjects run one operation per timed run; asynchronous ones run
 * `chain` operations and then read (or wait for) the results together.
 */
export function preparedFrom<R>(ops: CaseOps<R>, isAsync: boolean, chain: number): PreparedCase {
  const perRun = isAsync ? chain : 1;
  const timed = (end: (results: readonly R[]) => void | Promise<void>) =>
    isAsync
      ? async () => {
          const results = Array.from({ length: perRun }, () => ops.op());
          await end(results);
          for (const r of results) ops.release(r);
        }
      : () => {
          const results = [ops.op()];
          void end(results);
          ops.release(results[0]);
        };
  return {
    run: timed((results) => ops.read(results)),
    runKernel: ops.finish ? timed(ops.finish) : null,
    kernelNote: ops.kernelNote,
    async: isAsync,
    opsPerRun: perRun,
    output: () => ops.output(),
    dispose: () => ops.dispose(),
  };
}
