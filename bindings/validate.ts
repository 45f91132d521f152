/**
 * Argument checks shared by every public entry point. Each throws a typed error whose message names
 * the function, the argument, what was expected and what came.
 */
import { BackendError, ValueError } from './errors.js';

/** A value as a message shows it: strings quoted and marked, objects by their class. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `the string '${value}'`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'bigint') return `${value}n (a bigint)`;
  if (typeof value === 'object') {
    if (Array.isArray(value)) return `an array of ${value.length}`;
    return `a ${(value as object).constructor?.name ?? 'object'}`;
  }
  if (typeof value === 'function') return 'a function';
  return String(value);
}

function fail(fn: string, argument: string, expected: string, value: unknown): never {
  throw new ValueError(`${fn}: ${argument} must be ${expected}, got ${describe(value)}`);
}

export function finiteNumber(fn: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(fn, argument, 'a finite number', value);
  return value;
}

/** A number that may be ±Infinity but not NaN (clamp bounds, fill values). */
export function numberNotNaN(fn: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) fail(fn, argument, 'a number (not NaN)', value);
  return value;
}

/** Any number, NaN included (a fill value). */
export function anyNumber(fn: string, argument: string, value: unknown): number {
  if (typeof value !== 'number') fail(fn, argument, 'a number', value);
  return value;
}

export function nonNegativeNumber(fn: string, argument: string, value: unknown, { below }: { below?: number } = {}): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= 0 && (below === undefined || value < below);
  if (!ok) fail(fn, argument, `a finite number >= 0${below === undefined ? '' : ` and < ${below}`}`, value);
  return value as number;
}

export function integer(fn: string, argument: string, value: unknown, { min, max }: { min?: number; max?: number } = {}): number {
  const ok = typeof value === 'number' && Number.isSafeInteger(value) && (min === undefined || value >= min) &&
    (max === undefined || value <= max);
  if (!ok) {
    const range = min !== undefined && max !== undefined ? ` in [${min}, ${max}]` : min !== undefined ? ` >= ${min}` : max !== undefined ? ` <= ${max}` : '';
    const named = min === 0 && max === undefined ? 'a non-negative integer' : min === 1 && max === undefined ? 'a positive integer' : `an integer${range}`;
    fail(fn, argument, named, value);
  }
  return value as number;
}

export function boolean(fn: string, argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(fn, argument, 'true or false', value);
  return value;
}

export function oneOf<T extends string>(fn: string, argument: string, value: unknown, options: readonly T[]): T {
  if (!options.includes(value as T)) fail(fn, argument, `one of ${options.map((o) => `'${o}'`).join(', ')}`, value);
  return value as T;
}

/** A seed: a non-negative safe integer (a Philox key of two u32 words). */
export function seed(fn: string, value: unknown): number {
  return integer(fn, 'seed', value, { min: 0 });
}

/** A dropout probability in [0, 1). */
export function dropoutP(fn: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) fail(fn, 'p', 'a number in [0, 1)', value);
  return value;
}

/**
 * An options object: undefined gives {}, anything but a plain object is refused, and so is a key not
 * in `known` (a misspelt option would otherwise be ignored silently).
 */
export function options<T extends object>(fn: string, value: T | undefined, known: readonly string[]): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(fn, 'options', 'an object', value);
  for (const key of Object.keys(value))
    if (!known.includes(key))
      throw new ValueError(`${fn}: unknown option '${key}' (known: ${known.join(', ')})`);
  return value;
}

/** Integer class labels for `rows` rows of `classes` classes, from any array-like of numbers. */
export function labelValues(fn: string, labels: unknown, rows: number, classes: number): ArrayLike<number> {
  if (!labels || typeof labels !== 'object' || typeof (labels as ArrayLike<number>).length !== 'number')
    fail(fn, 'labels', 'an array of class indices', labels);
  if (labels instanceof BigInt64Array || labels instanceof BigUint64Array)
    fail(fn, 'labels', 'numbers (convert bigint labels with Array.from(labels, Number))', labels);
  const values = labels as ArrayLike<unknown>;
  if (values.length !== rows) throw new ValueError(`${fn}: expected ${rows} labels for ${rows} rows, got ${values.length}`);
  for (let i = 0; i < values.length; i++) {
    const label = values[i];
    if (typeof label !== 'number' || !Number.isInteger(label))
      throw new ValueError(`${fn}: label ${i} is ${describe(label)}: labels must be integer class indices`);
    if (label < 0 || label >= classes)
      throw new ValueError(`${fn}: label ${i} is ${label}: out of range for ${classes} classes [0, ${classes - 1}]`);
  }
  return values as ArrayLike<number>;
}

/** Throws ValueError naming fn and argument unless value is a backend (an object with the Backend primitives). */
export function backendArgument<B extends { alloc: unknown }>(fn: string, argument: string, value: B): B {
  const b = value as { alloc?: unknown; free?: unknown; write?: unknown } | null;
  if (!b || typeof b !== 'object' || typeof b.alloc !== 'function' || typeof b.free !== 'function' || typeof b.write !== 'function')
    throw new ValueError(`${fn}: ${argument} must be a backend (cpu, wasm or WebGPU), got ${describe(value)}`);
  return value;
}

/** Throws BackendError unless every backend is the first one. */
export function sameBackends(fn: string, backends: readonly { readonly name: string }[]): void {
  const first = backends[0];
  for (const b of backends)
    if (b !== first) throw new BackendError(`${fn}: tensors live on different backends (${first.name} and ${b.name})`);
}
