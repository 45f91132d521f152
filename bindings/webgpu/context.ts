/** What the WebGPU kernel functions need from their backend. */
import type { MatmulConfig } from './matmul-plan.js';
import type { Dispatcher } from './dispatcher.js';

export type RowStrategy = 'workgroup' | 'serial';

export interface KernelContext {
  readonly dispatcher: Dispatcher;
  /** Invocations per workgroup of the elementwise kernels. */
  readonly elementWorkgroup: number;
  /** Row kernels: one workgroup per row with tree reductions, or one invocation per row. */
  readonly rowStrategy: RowStrategy;
  readonly matmulConfig: MatmulConfig;
}

export function largestPowerOfTwo(limit: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, limit)));
}

/** Runs `dispatch` once per index of the leading dimensions beyond `maxRank`, with the element offsets of each. */
export function forEachLeadingIndex(
  shape: readonly number[], strides: readonly (readonly number[])[], maxRank: number,
  dispatch: (shape: readonly number[], strides: readonly (readonly number[])[], offsets: readonly number[], first: number) => void,
): void {
  const lead = Math.max(0, shape.length - maxRank);
  const innerShape = shape.slice(lead), innerStrides = strides.map((s) => s.slice(lead));
  const innerSize = innerShape.reduce((a, b) => a * b, 1);
  const leadShape = shape.slice(0, lead);
  const count = leadShape.reduce((a, b) => a * b, 1);
  for (let t = 0; t < count; t++) {
    let rest = t;
    const offsets = strides.map(() => 0);
    for (let d = lead - 1; d >= 0; d--) {
      const c = rest % leadShape[d];
      rest = Math.floor(rest / leadShape[d]);
      strides.forEach((s, k) => (offsets[k] += c * s[d]));
    }
    dispatch(innerShape, innerStrides, offsets, t * innerSize);
  }
}
