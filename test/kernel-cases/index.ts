/**
 * The kernel table: every kernel on awkward and round shapes. Each case runs through the public kernel
 * API on a given backend and returns its outputs; test/backend-harness.ts compares them with the cpu
 * reference, and runs the cases of fused kernels a backend overrides with its defaults too.
 */
import { elementwiseCases } from './elementwise.js';
import { layoutCases } from './layout.js';
import { matmulCases } from './matmul.js';
import { reduceTableCases } from './reduce.js';
import { rowCases } from './rows.js';
import { updateCases } from './updates.js';

export { reductionTolerance, type KernelCase } from './case.js';
export { MATMUL_SHAPES } from './matmul.js';

export const KERNEL_CASES = [
  ...matmulCases(), ...rowCases(), ...elementwiseCases(), ...reduceTableCases(), ...layoutCases(), ...updateCases(),
];
