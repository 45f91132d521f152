/** What every kernel wrapper shares: argument checks and output allocation. */
import type { Backend, Storage } from '../backend.js';
import { DisposedError, ValueError } from '../errors.js';
import { Tensor, empty } from '../tensor.js';
import { describe, sameBackends } from '../validate.js';

/** Throws a ValueError naming fn and the argument unless value is a Tensor (a disposed one throws DisposedError). */
export function tensorArgument(fn: string, argument: string, value: unknown): asserts value is Tensor {
  if (!(value instanceof Tensor)) throw new ValueError(`${fn}: ${argument} must be a Tensor, got ${describe(value)}`);
  try {
    void value.storage;
  } catch (error) {
    if (error instanceof DisposedError) throw new DisposedError(`${fn}: ${argument} is unusable: ${error.message}`);
    throw error;
  }
}

/** Checks named tensor arguments (those named in `optional` may be null) and returns their common backend. */
export function tensorArguments(fn: string, named: Readonly<Record<string, unknown>>, optional: readonly string[] = []): Backend {
  const tensors: Tensor[] = [];
  for (const [argument, value] of Object.entries(named ?? {})) {
    if (value === null && Array.isArray(optional) && optional.includes(argument)) continue;
    tensorArgument(fn, argument, value);
    tensors.push(value);
  }
  if (tensors.length === 0) throw new ValueError(`${fn}: no tensor arguments`);
  sameBackends(fn, tensors.map((t) => t.backend));
  return tensors[0].backend;
}

/** A new tensor of `shape` that `kernel` writes; freed if the kernel throws. An empty output skips the kernel. */
export function launch(backend: Backend, shape: readonly number[], kernel: (out: Storage) => void): Tensor {
  const out = empty(shape, backend);
  try {
    if (out.size > 0) kernel(out.storage);
  } catch (error) {
    out.dispose();
    throw error;
  }
  return out;
}
