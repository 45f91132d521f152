/**
 * Reductions along an axis: acc = combine(acc, x), starting from init. max and min return NaN when
 * any element is NaN (PyTorch). Row order gives the op codes the build generates.
 */
import type { ReduceRow } from './rows.js';

export const REDUCE = {
  sum: {
    ref: (a, b) => a + b, wgsl: 'a + b', as: 'a + b', asVector: 'f32x4.add(a, b)',
    init: { value: 0, wgsl: '0.0', as: '0' },
  },
  prod: {
    ref: (a, b) => a * b, wgsl: 'a * b', as: 'a * b', asVector: 'f32x4.mul(a, b)',
    init: { value: 1, wgsl: '1.0', as: '1' },
  },
  max: {
    ref: (a, b) => (b > a || Number.isNaN(b) ? b : a), wgsl: 'max_nan(a, b)', as: 'b > a || b != b ? b : a',
    asVector: 'v128.bitselect(b, a, v128.or(f32x4.gt(b, a), f32x4.ne(b, b)))',
    init: { value: -Infinity, wgsl: '-infinity_f32()', as: '-Infinity' },
  },
  min: {
    ref: (a, b) => (b < a || Number.isNaN(b) ? b : a), wgsl: 'min_nan(a, b)', as: 'b < a || b != b ? b : a',
    asVector: 'v128.bitselect(b, a, v128.or(f32x4.lt(b, a), f32x4.ne(b, b)))',
    init: { value: Infinity, wgsl: 'infinity_f32()', as: 'Infinity' },
  },
} satisfies Record<string, ReduceRow>;
