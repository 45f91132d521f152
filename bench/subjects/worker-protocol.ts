/** Messages between a subject hosted in a worker thread (worker-entry.ts) and its proxy (worker-subject.ts). */
import type { BenchCase } from '../cases.js';

/** Which subject the worker makes: `module`'s export `factory`, called with `args`. */
export interface WorkerSubjectSpec {
  /** URL of the module (import.meta.url-relative, resolved by the caller). */
  readonly module: string;
  readonly factory: string;
  readonly args: readonly unknown[];
}

export interface WorkerRequest {
  readonly id: number;
  readonly type: 'init' | 'prepare' | 'run' | 'measure' | 'output' | 'disposeCase' | 'dispose';
  readonly payload?: unknown;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

export interface SubjectSummary {
  readonly name: string;
  readonly isWebgrad: boolean;
  readonly threads: number | null;
  readonly detail: string;
  /** skipReason() of every case the proxy was given, by case id. */
  readonly skip: Readonly<Record<string, string | null>>;
}

export interface PreparedSummary {
  readonly opsPerRun: number;
  readonly hasKernel: boolean;
  readonly kernelNote?: string;
}

export interface InitPayload {
  readonly cases: readonly BenchCase[];
}
