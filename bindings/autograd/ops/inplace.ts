/**
 * PyTorch's in-place forms (add_, sub_, mul_, div_, zero_, fill_, clamp_): the new values computed as
 * usual, then written into the tensor with set(), so version checks and recorded gradients stay right.
 */
import type { Tensor } from '../../tensor.js';
import { clamp } from './compare.js';
import { add, div, mul, sub, type Operand } from './elementwise.js';
import { set } from './indexing.js';

const ALL = '...';

/** Writes value into all of x, then frees value (its graph, if any, lives on in x's). */
function assign(x: Tensor, value: Tensor): Tensor {
  try {
    return set(x, ALL, value);
  } finally {
    value.dispose();
  }
}

export function addInPlace(x: Tensor, other: Operand): Tensor {
  return assign(x, add(x, other));
}

export function subInPlace(x: Tensor, other: Operand): Tensor {
  return assign(x, sub(x, other));
}

export function mulInPlace(x: Tensor, other: Operand): Tensor {
  return assign(x, mul(x, other));
}

export function divInPlace(x: Tensor, other: Operand): Tensor {
  return assign(x, div(x, other));
}

export function clampInPlace(x: Tensor, min?: number | null, max?: number | null): Tensor {
  return assign(x, clamp(x, min, max));
}

export function fillInPlace(x: Tensor, value: number): Tensor {
  return set(x, ALL, value);
}

export function zeroInPlace(x: Tensor): Tensor {
  return set(x, ALL, 0);
}
