/** Turning backend layouts into what the wasm kernels take. */
import type { BroadcastLayout } from '../backend.js';

/** Binary kernel kinds (assembly/elementwise.ts). */
export const SAME = 0, ROW_B = 1, ROW_A = 2, COLUMN_B = 3, COLUMN_A = 4, STRIDED = 5;

export interface BinaryKind {
  kind: number;
  rows: number;
  cols: number;
}

function isFull(strides: readonly number[], cols: number): boolean {
  return strides.length === 2 ? strides[0] === cols && strides[1] === 1 : strides[0] === 1;
}

/** The fast loop a collapsed binary layout fits, or STRIDED. */
export function binaryKind(layout: BroadcastLayout): BinaryKind {
  const { shape, strides: [a, b] } = layout;
  if (shape.length === 1) {
    const n = shape[0];
    if (a[0] === 1 && b[0] === 1) return { kind: SAME, rows: 1, cols: n };
    if (a[0] === 1 && b[0] === 0) return { kind: COLUMN_B, rows: 1, cols: n };
    if (a[0] === 0 && b[0] === 1) return { kind: COLUMN_A, rows: 1, cols: n };
  } else if (shape.length === 2) {
    const [rows, cols] = shape;
    const row = (s: readonly number[]) => s[0] === 0 && s[1] === 1;
    const column = (s: readonly number[]) => s[0] === 1 && s[1] === 0;
    if (isFull(a, cols) && row(b)) return { kind: ROW_B, rows, cols };
    if (isFull(b, cols) && row(a)) return { kind: ROW_A, rows, cols };
    if (isFull(a, cols) && column(b)) return { kind: COLUMN_B, rows, cols };
    if (isFull(b, cols) && column(a)) return { kind: COLUMN_A, rows, cols };
  }
  return { kind: STRIDED, rows: 0, cols: 0 };
}

/**
 * The i32 words of a strided walk (assembly/strides.ts) that runs `count` outer steps from outer index
 * `start` (default: all of them from 0): rank, operand count, outer count, shape, each operand's
 * strides, each operand's offset at the first step, the counters of the first step.
 */
export function walkWords(
  shape: readonly number[], strides: readonly (readonly number[])[], offsets: readonly number[],
  start = 0, count = shape.slice(0, -1).reduce((p, d) => p * d, 1),
): Int32Array {
  const rank = shape.length, operands = strides.length;
  const words = new Int32Array(3 + rank * (2 + operands) + operands);
  words[0] = rank;
  words[1] = operands;
  words[2] = count;
  words.set(shape, 3);
  strides.forEach((s, k) => words.set(s, 3 + rank * (1 + k)));
  const offsetAt = 3 + rank * (1 + operands), counterAt = offsetAt + operands;
  const moved = [...offsets];
  // The counters of outer index `start` (the last outer dimension fastest), and the offsets they move to.
  for (let d = rank - 2, rest = start; d >= 0; d--) {
    const counter = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
    words[counterAt + d] = counter;
    strides.forEach((s, k) => (moved[k] += counter * s[d]));
  }
  words.set(moved, offsetAt);
  return words;
}
