/** Any webgrad Backend as a bench subject, driven through the validated kernel API like a user would. */
import type { Backend } from '../../bindings/backend.js';
import * as kernels from '../../bindings/kernels/index.js';
import { Tensor, tensor } from '../../bindings/tensor.js';
import type { BenchCase } from '../cases.js';
import type { CaseOutput } from '../check.js';
import type { CaseInputs, MatmulInputs, RowsInputs } from '../inputs.js';
import type { PreparedCase, Subject } from './subject.js';

export interface WebgradSubjectOptions {
  /** Largest matmul (in flops) to time; bigger ones are skipped with a note. */
  maxMatmulFlops?: number;
  skipNote?: string;
}

export function webgradSubject(backend: Backend, options: WebgradSubjectOptions = {}): Subject {
  const sync = typeof backend.readSync === 'function';
  const ready = async (t: Tensor): Promise<void> => {
    if (!sync) await t.data();
  };

  return {
    name: `webgrad ${backend.name}`,
    isWebgrad: true,
    detail: describeBackend(backend),
    skipReason(c) {
      if (c.kind === 'matmul' && options.maxMatmulFlops !== undefined && c.flops > options.maxMatmulFlops)
        return options.skipNote ?? 'skipped';
      return null;
    },
    async prepare(c: BenchCase, inputs: CaseInputs, chain: number): Promise<PreparedCase> {
      const opts = { backend };
      if (c.kind === 'matmul') {
        const { a: aData, b: bData, aShape, bShape } = inputs as MatmulInputs;
        const a = tensor(aData, aShape, opts);
        const b = tensor(bData, bShape, opts);
        const mm = () => kernels.matmul(a, b, { transA: c.transA, transB: c.transB });
        return prepared(sync, chain, () => mm(), ready, async () => {
          const out = mm();
          const data = await out.data();
          out.dispose();
          return { kind: 'matmul', c: data };
        }, [a, b]);
      }
      const { x: xData, labels } = inputs as RowsInputs;
      const x = tensor(xData, [c.rows, c.cols], opts);
      if (c.kind === 'softmax') {
        return prepared(sync, chain, () => kernels.softmax(x), ready, async () => {
          const y = kernels.softmax(x);
          const data = await y.data();
          y.dispose();
          return { kind: 'softmax', y: data };
        }, [x]);
      }
      const ce = () => kernels.crossEntropy(x, labels, { grad: true });
      return prepared(sync, chain, () => {
        const { loss, grad } = ce();
        loss.dispose();
        return grad!;
      }, ready, async () => {
        const { loss, grad } = ce();
        const losses = await loss.data();
        const gradData = await grad!.data();
        loss.dispose();
        grad!.dispose();
        const meanLoss = losses.reduce((s, v) => s + v, 0) / losses.length;
        return { kind: 'crossEntropy', meanLoss, grad: gradData };
      }, [x]);
    },
    async dispose() {
      backend.dispose();
    },
  };
}

function prepared(
  sync: boolean,
  chain: number,
  op: () => Tensor,
  ready: (t: Tensor) => Promise<void>,
  output: () => Promise<CaseOutput>,
  owned: Tensor[],
): PreparedCase {
  return {
    async: !sync,
    opsPerRun: sync ? 1 : chain,
    run: sync
      ? () => op().dispose()
      : async () => {
          const results = Array.from({ length: chain }, op);
          await ready(results[chain - 1]);
          results.forEach((t) => t.dispose());
        },
    output,
    dispose: () => owned.forEach((t) => t.dispose()),
  };
}

function describeBackend(backend: Backend): string {
  const variant = (backend as { variant?: unknown }).variant;
  const build = typeof variant === 'string' ? `, ${variant} build` : '';
  return `webgrad ${backend.name} backend${build}, validated kernel API (output allocated and disposed each run)`;
}
