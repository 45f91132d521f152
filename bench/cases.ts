/** The benchmark cases: what is computed, on which shapes, and how much work each run does. */

export interface MatmulCase {
  readonly kind: 'matmul';
  readonly id: string;
  /** What the row shows, e.g. "dW1 = Xᵀ·dH". */
  readonly label: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transA: boolean;
  readonly transB: boolean;
  /** 2·m·n·k */
  readonly flops: number;
}

export interface RowsCase {
  readonly kind: 'softmax' | 'crossEntropy';
  readonly id: string;
  readonly label: string;
  readonly rows: number;
  readonly cols: number;
  /** Logits read plus probabilities (or gradient) written, in bytes; labels and losses not counted. */
  readonly bytes: number;
}

/**
 * One SGD training step of the MLP inputs→hidden→classes (Linear, ReLU, Linear, softmax
 * cross-entropy, backward, update) on one batch; a timed run chains several steps and reads the
 * last loss once.
 */
export interface MlpStepCase {
  readonly kind: 'mlpStep';
  readonly id: string;
  readonly label: string;
  readonly batch: number;
  readonly inputs: number;
  readonly hidden: number;
  readonly classes: number;
  readonly lr: number;
  /** The step's matmul flops: forward X·W1, H·W2; backward dW1, dW2, dH (2·m·n·k each). */
  readonly flops: number;
}

export type BenchCase = MatmulCase | RowsCase | MlpStepCase;

/** Stored shapes of A and B: A is [k, m] when transposed, B is [n, k] when transposed. */
export function operandShapes(c: MatmulCase): { a: [number, number]; b: [number, number] } {
  return {
    a: c.transA ? [c.k, c.m] : [c.m, c.k],
    b: c.transB ? [c.n, c.k] : [c.k, c.n],
  };
}

export function matmul(id: string, label: string, m: number, n: number, k: number, transA = false, transB = false): MatmulCase {
  return { kind: 'matmul', id, label, m, n, k, transA, transB, flops: 2 * m * n * k };
}

export function rows(kind: RowsCase['kind'], rowCount: number, cols: number): RowsCase {
  const name = kind === 'softmax' ? 'softmax' : 'cross-entropy loss+grad';
  return {
    kind, id: `${kind}-${rowCount}x${cols}`, label: `${name} [${rowCount}×${cols}]`,
    rows: rowCount, cols, bytes: 2 * rowCount * cols * 4,
  };
}

export function mlpStep(batch: number, inputs = 784, hidden = 256, classes = 10): MlpStepCase {
  const flops = 2 * batch * (2 * inputs * hidden + 3 * hidden * classes);
  return {
    kind: 'mlpStep', id: `mlp-step-${inputs}-${hidden}-${classes}-b${batch}`, label: `MLP ${inputs}-${hidden}-${classes} SGD step, batch ${batch}`,
    batch, inputs, hidden, classes, lr: 0.1, flops,
  };
}

/**
 * The matmuls of the MLP inputs→hidden→classes at one batch size: X [batch×inputs], W1 [inputs×hidden],
 * H [batch×hidden], W2 [hidden×classes], forward and backward (the transposed shapes). The d2l MLP
 * at batch 256 keeps the short ids (mlp-fwd1, ..., mlp-dH).
 */
export function mlpMatmuls(batch = 256, inputs = 784, hidden = 256, classes = 10): MatmulCase[] {
  const d2l = batch === 256 && inputs === 784 && hidden === 256 && classes === 10;
  const id = d2l ? 'mlp' : `mlp-${inputs}-${hidden}-${classes}-b${batch}`;
  const at = d2l ? '' : ` (${inputs}-${hidden}-${classes}, batch ${batch})`;
  return [
    matmul(`${id}-fwd1`, `X·W1 (MLP fwd)${at}`, batch, hidden, inputs),
    matmul(`${id}-fwd2`, `H·W2 (MLP fwd)${at}`, batch, classes, hidden),
    matmul(`${id}-dW1`, `dW1 = Xᵀ·dH${at}`, inputs, hidden, batch, true, false),
    matmul(`${id}-dW2`, `dW2 = Hᵀ·dZ${at}`, hidden, classes, batch, true, false),
    matmul(`${id}-dH`, `dH = dZ·W2ᵀ${at}`, batch, hidden, classes, false, true),
  ];
}

export function cube(n: number): MatmulCase {
  return matmul(`matmul-${n}`, `matmul ${n}³`, n, n, n);
}

/** The kernel bench's cases; the MLP 784→256→10 at batch 256. */
export const BENCH_CASES: readonly BenchCase[] = [
  cube(128), cube(256), cube(512), cube(1024),
  ...mlpMatmuls(256),
  rows('softmax', 256, 10),
  rows('softmax', 4096, 1000),
  rows('crossEntropy', 256, 10),
  rows('crossEntropy', 4096, 1000),
];

/** A short description of a case's shape for tables and JSON. */
export function shapeText(c: BenchCase): string {
  if (c.kind === 'mlpStep') return `X[${c.batch}×${c.inputs}], ${c.inputs}-${c.hidden}-${c.classes}`;
  if (c.kind !== 'matmul') return `[${c.rows}×${c.cols}]`;
  const { a, b } = operandShapes(c);
  return `A[${a[0]}×${a[1]}]${c.transA ? 'ᵀ' : ''}·B[${b[0]}×${b[1]}]${c.transB ? 'ᵀ' : ''}`;
}
