/** Kernel-table cases of dropout and the optimiser updates. */
import * as k from '../../bindings/kernels/index.js';
import { AWKWARD, input, withInputs, type KernelCase } from './case.js';

export function updateCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const n of AWKWARD) {
    for (const p of [0, 0.2, 0.5, 0.9])
      cases.push({
        name: `dropout fwd+bwd [${n}] p=${p}`,
        tolerance: 0,
        fused: ['dropout'],
        run: (backend) =>
          withInputs([input(backend, [n], n * 3), input(backend, [n], n * 5)], (x, dy) => {
            const options = { p, seed: 1234567 + n, offset: 3 };
            return [k.dropout(x, options), k.dropout(dy, options)];
          }),
      });
    cases.push(
      {
        name: `sgdUpdate momentum+weightDecay, then plain [${n}]`,
        tolerance: 1e-6,
        fused: ['sgdUpdate'],
        run: (backend) =>
          withInputs([input(backend, [n], n), input(backend, [n], n + 2), input(backend, [n], n + 4)], (p, g, v) => {
            k.sgdUpdate(p, g, v, { lr: 0.1, weightDecay: 0.01, momentum: 0.9 });
            k.sgdUpdate(p, g, null, { lr: 0.05 });
            return [k.copy(p), k.copy(v)];
          }),
      },
      {
        name: `adamUpdate [${n}]`,
        tolerance: 1e-5,
        fused: ['adamUpdate'],
        run: (backend) =>
          withInputs(
            [input(backend, [n], n), input(backend, [n], n + 2), input(backend, [n], n + 4, -0.1, 0.1), input(backend, [n], n + 6, 0, 0.1)],
            (p, g, m, v) => {
              k.adamUpdate(p, g, m, v, { lr: 0.01, step: 3, weightDecay: 0.001 });
              return [k.copy(p), k.copy(m), k.copy(v)];
            },
          ),
      },
    );
  }
  return cases;
}
