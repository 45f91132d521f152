/**
 * The op table: every elementwise op and reduction named once, with its f64 reference and its
 * WGSL and AssemblyScript expressions. The cpu backend evaluates the references, the WebGPU backend
 * builds its shaders from the WGSL expressions, and the build generates the AssemblyScript dispatch
 * (assembly/ops.generated.ts) from the AssemblyScript ones; an op's code is its position here.
 * This folder imports nothing outside itself: the build transpiles and loads it.
 */
import { BINARY } from './binary.js';
import { REDUCE } from './reduce.js';
import type { BinaryRow, GradRow, ReduceRow, UnaryRow } from './rows.js';
import { UNARY } from './unary.js';

export type { BinaryRow, Expressions, GradRow, ReduceRow, TestInputs, UnaryRow } from './rows.js';

export type UnaryOp = keyof typeof UNARY;

/** The unary ops whose backward rule is an elementwise expression. */
export type UnaryOpWithGrad = { [K in UnaryOp]: (typeof UNARY)[K] extends { grad: GradRow } ? K : never }[UnaryOp];

/** The binary op that runs unary op K's backward rule on (saved, dy). */
export type GradOp<K extends UnaryOpWithGrad = UnaryOpWithGrad> = `${K}Grad`;

export type BinaryOp = keyof typeof BINARY | GradOp;

export type ReduceOp = keyof typeof REDUCE;

export const UNARY_ROWS: Readonly<Record<UnaryOp, UnaryRow>> = UNARY;

/** The binary table, then every unary op's backward rule as the binary op `<name>Grad` on (saved, dy). */
export const BINARY_ROWS: Readonly<Record<BinaryOp, BinaryRow>> = { ...BINARY, ...gradRows() };

export const REDUCE_ROWS: Readonly<Record<ReduceOp, ReduceRow>> = REDUCE;

export const UNARY_OPS = Object.keys(UNARY_ROWS) as readonly UnaryOp[];
export const BINARY_OPS = Object.keys(BINARY_ROWS) as readonly BinaryOp[];
export const REDUCE_OPS = Object.keys(REDUCE_ROWS) as readonly ReduceOp[];

/** The binary op running `op`'s backward rule. */
export function gradOp<K extends UnaryOpWithGrad>(op: K): GradOp<K> {
  return `${op}Grad`;
}

/** The value op's backward rule needs: its input 'x' or its output 'y' (null when it has no rule). */
export function gradSource(op: UnaryOp): 'x' | 'y' | null {
  return UNARY_ROWS[op].grad?.from ?? null;
}

function gradRows(): Record<GradOp, BinaryRow> {
  const rows: Record<string, BinaryRow> = {};
  for (const [name, row] of Object.entries(UNARY) as [UnaryOp, UnaryRow][]) {
    const grad = row.grad;
    if (!grad) continue;
    rows[`${name}Grad`] = {
      ref: grad.ref, wgsl: grad.wgsl, as: grad.as, asVector: grad.asVector, nan: grad.nan, names: [grad.from, 'dy'],
      test: { ...row.test, tolerance: row.test?.tolerance ?? 1e-5 },
    };
  }
  return rows as Record<GradOp, BinaryRow>;
}
