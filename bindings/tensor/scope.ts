/** tidy() scopes: every tensor made inside one is disposed at its end unless returned or kept. */
import { ValueError } from '../errors.js';
import { describe } from '../validate.js';
import { Tensor } from './tensor.js';

type Scope = Set<Tensor>;
const scopes: Scope[] = [];

/** Adds a new tensor to the innermost scope (called by Tensor's constructor). */
export function track(t: Tensor): void {
  scopes[scopes.length - 1]?.add(t);
}

/** Stops tidy() scopes from disposing t: its owner (a graph node, a module) frees it. */
export function untrack(t: Tensor): void {
  for (const scope of scopes) scope.delete(t);
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null &&
    typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Runs fn and disposes every tensor created inside it except those it returns (found anywhere in
 * what it returns: arrays, plain objects, Maps, Sets, class instances' own fields) and those marked
 * with keep(). fn must be synchronous.
 */
export function tidy<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new ValueError(`tidy: expected a function, got ${describe(fn)}`);
  const scope: Scope = new Set();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    scopes.pop();
    disposeScope(scope);
    throw error;
  }
  scopes.pop();
  if (isThenable(result)) {
    disposeScope(scope);
    // The caller gets the error below; the abandoned promise must not reject unhandled.
    result.then(undefined, () => {});
    throw new ValueError('tidy needs a synchronous function: fn returned a promise, and its tensors would be disposed at its first await');
  }
  const kept = new Set<Tensor>();
  collectTensors(result, kept, new Set());
  const parent = scopes[scopes.length - 1];
  for (const t of scope) {
    if (t.kept) continue; // kept tensors leave scope tracking for good
    if (kept.has(t)) parent?.add(t);
    else t.dispose();
  }
  return result;
}

function disposeScope(scope: Scope): void {
  for (const t of scope) if (!t.kept) t.dispose();
}

/** Every tensor reachable from value through arrays, objects, Maps and Sets (cycles visited once). */
function collectTensors(value: unknown, into: Set<Tensor>, seen: Set<object>): void {
  if (value === null || typeof value !== 'object' || seen.has(value) || ArrayBuffer.isView(value)) return;
  seen.add(value);
  if (value instanceof Tensor) {
    into.add(value);
    // A tensor's gradient is returned with it.
    if (value.grad) into.add(value.grad);
    return;
  }
  if (value instanceof Map) {
    for (const [key, v] of value) {
      collectTensors(key, into, seen);
      collectTensors(v, into, seen);
    }
  } else if (value instanceof Set || Array.isArray(value)) for (const v of value) collectTensors(v, into, seen);
  else for (const v of Object.values(value)) collectTensors(v, into, seen);
}
