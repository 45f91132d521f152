import { ValueError } from '../errors.js';
import { isThenable } from '../tensor.js';
import { describe } from '../validate.js';

let enabled = true;

/** Whether ops record a graph for backward() (true unless inside noGrad()). */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Runs fn without recording a graph, like PyTorch's `with torch.no_grad()`. fn must be synchronous:
 * after an await, grad mode would be back on without a word, so a promise is refused.
 */
export function noGrad<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new ValueError(`noGrad: expected a function, got ${describe(fn)}`);
  const previous = enabled;
  enabled = false;
  let result: T;
  try {
    result = fn();
  } finally {
    enabled = previous;
  }
  if (isThenable(result)) {
    result.then(undefined, () => {});
    throw new ValueError('noGrad needs a synchronous function: fn returned a promise, and ops after its first await would record a graph');
  }
  return result;
}
