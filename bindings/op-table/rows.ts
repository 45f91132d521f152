/** The shapes of the op table's rows. */

/** One op's kernel expressions, in the variables its family names (see each family's file). */
export interface Expressions {
  /** A WGSL f32 expression (helpers from kernels/prelude.wgsl). */
  readonly wgsl: string;
  /** An AssemblyScript f32 expression (helpers from assembly/math.ts). */
  readonly as: string;
  /** An AssemblyScript f32x4 expression over v128 lanes; without it the kernel runs `as` per element. */
  readonly asVector?: string;
  /**
   * 'exact' when the expressions give NaN inputs the reference's result themselves (with is_nan bit tests
   * in WGSL). Otherwise a NaN input gives NaN, which the WebGPU builder enforces: WGSL does not promise
   * IEEE NaN behaviour (its exp of NaN may be Inf, its NaN != NaN may be false).
   */
  readonly nan?: 'exact';
}

/** Inputs the kernel table feeds an op, and how closely it must match the reference. */
export interface TestInputs {
  /** Range the inputs are drawn from (default [-3, 3]). */
  readonly domain?: readonly [number, number];
  readonly alpha?: number;
  readonly beta?: number;
  /** Absolute-and-relative tolerance against the f64 reference (default 1e-5). */
  readonly tolerance?: number;
  /** Special values beyond this magnitude are not meaningful inputs (sin of 1e38): the table clamps them. */
  readonly maxMagnitude?: number;
  /** Points where the op is not differentiable: gradient checks keep their inputs away from them. */
  readonly kinks?: readonly number[];
}

/** y = f(x; alpha, beta), elementwise. Expressions use x, alpha, beta. */
export interface UnaryRow extends Expressions {
  readonly ref: (x: number, alpha: number, beta: number) => number;
  /** The local backward rule, when it is one elementwise expression (see GradRow). */
  readonly grad?: GradRow;
  readonly test?: TestInputs;
}

/**
 * dx = g(saved, dy; alpha, beta), elementwise: the backward rule of a unary op, run as the binary op
 * `<name>Grad` on (saved, dy). Expressions use the saved value under its name (x or y), dy, alpha, beta.
 */
export interface GradRow extends Expressions {
  /** The value backward keeps: the op's input x or its output y. */
  readonly from: 'x' | 'y';
  readonly ref: (saved: number, dy: number, alpha: number, beta: number) => number;
}

/** y = f(a, b; alpha, beta) with broadcasting. Expressions use a, b, alpha, beta. */
export interface BinaryRow extends Expressions {
  readonly ref: (a: number, b: number, alpha: number, beta: number) => number;
  /** The names the expressions give a and b, when not 'a' and 'b' (a backward rule's saved value and dy). */
  readonly names?: readonly [string, string];
  /** Inputs for the kernel table: 'integers' draws small integers (so comparisons see ties). */
  readonly test?: TestInputs & { readonly values?: 'integers'; readonly domainB?: readonly [number, number] };
}

/**
 * A reduction along an axis: acc = combine(acc, x) from init. Expressions use a (the accumulator)
 * and b (the next value); `init` holds each language's spelling of the start value.
 */
export interface ReduceRow extends Expressions {
  readonly ref: (a: number, b: number) => number;
  readonly init: { readonly value: number; readonly wgsl: string; readonly as: string };
}
