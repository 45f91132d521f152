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

export type BenchCase = MatmulCase | RowsCase;

/** Stored shapes of A and B: A is [k, m] when transposed, B is [n, k] when transposed. */
export function operandShapes(c: MatmulCase): { a: [number, number]; b: [number, number] } {
  return {
    a: c.transA ? [c.k, c.m] : [c.m, c.k],
    b: c.transB ? [c.n, c.k] : [c.k, c.n],
  };
}

function matmul(id: string, label: string, m: number, n: number, k: number, transA = false, transB = false): MatmulCase {
  return { kind: 'matmul', id, label, m, n, k, transA, transB, flops: 2 * m * n * k };
}

function rows(kind: RowsCase['kind'], rowCount: number, cols: number): RowsCase {
  const name = kind === 'softmax' ? 'softmax' : 'cross-entropy loss+grad';
  return {
    kind, id: `${kind}-${rowCount}x${cols}`, label: `${name} [${rowCount}×${cols}]`,
    rows: rowCount, cols, bytes: 2 * rowCount * cols * 4,
  };
}

/** The MLP 784→256→10 at batch 256: X [256×784], W1 [784×256], H [256×256], W2 [256×10]. */
export const BENCH_CASES: readonly BenchCase[] = [
  matmul('matmul-128', 'matmul 128³', 128, 128, 128),
  matmul('matmul-256', 'matmul 256³', 256, 256, 256),
  matmul('matmul-512', 'matmul 512³', 512, 512, 512),
  matmul('matmul-1024', 'matmul 1024³', 1024, 1024, 1024),
  matmul('mlp-fwd1', 'X·W1 (MLP fwd)', 256, 256, 784),
  matmul('mlp-fwd2', 'H·W2 (MLP fwd)', 256, 10, 256),
  matmul('mlp-dW1', 'dW1 = Xᵀ·dH', 784, 256, 256, true, false),
  matmul('mlp-dW2', 'dW2 = Hᵀ·dZ', 256, 10, 256, true, false),
  matmul('mlp-dH', 'dH = dZ·W2ᵀ', 256, 256, 10, false, true),
  rows('softmax', 256, 10),
  rows('softmax', 4096, 1000),
  rows('crossEntropy', 256, 10),
  rows('crossEntropy', 4096, 1000),
];

/** A short description of a case's shape for tables and JSON. */
export function shapeText(c: BenchCase): string {
  if (c.kind !== 'matmul') return `[${c.rows}×${c.cols}]`;
  const { a, b } = operandShapes(c);
  return `A[${a[0]}×${a[1]}]${c.transA ? 'ᵀ' : ''}·B[${b[0]}×${b[1]}]${c.transB ? 'ᵀ' : ''}`;
}
