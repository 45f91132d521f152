/** Kernel-table cases of the strided copy and gather / scatter-add, ranks 1 to 6. */
import * as k from '../../bindings/kernels/index.js';
import { tensor } from '../../bindings/tensor.js';
import { rng } from '../random.js';
import { input, size, withInputs, type KernelCase } from './case.js';

/** Shapes of ranks 1 to 6 with awkward sizes. */
const SHAPES = [[257], [17, 3], [3, 1, 17], [2, 3, 5, 7], [3, 1, 4, 2, 5], [2, 3, 1, 4, 3, 2]];

/** A permutation of rank axes drawn from seed (reversal for rank 2). */
function permutation(rank: number, seed: number): number[] {
  const next = rng(seed);
  const axes = [...Array(rank).keys()];
  for (let i = rank - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [axes[i], axes[j]] = [axes[j], axes[i]];
  }
  return rank === 2 ? [1, 0] : axes;
}

/** A view slicing every axis: start 1 (when it fits), every other element, one axis reversed. */
function slicedView(shape: readonly number[]): k.View {
  let view = k.contiguousView(shape);
  shape.forEach((n, axis) => {
    if (axis === shape.length - 1) view = k.sliceView(view, axis, n - 1, -1, -1);
    else view = k.sliceView(view, axis, n > 1 ? 1 : 0, n, 2);
  });
  return view;
}

function stridedCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const shape of SHAPES) {
    const label = JSON.stringify(shape), rank = shape.length;
    const axes = permutation(rank, rank);
    cases.push(
      {
        name: `permute ${label} to ${JSON.stringify(axes)}`,
        tolerance: 0,
        run: (backend) => withInputs([input(backend, shape, rank)], (x) => k.permute(x, axes)),
      },
      {
        name: `flip ${label} along every axis`,
        tolerance: 0,
        run: (backend) => withInputs([input(backend, shape, rank + 1)], (x) => k.flip(x, [...Array(rank).keys()])),
      },
      {
        name: `slices of ${label}: start 1, step 2, last axis reversed`,
        tolerance: 0,
        run: (backend) => withInputs([input(backend, shape, rank + 2)], (x) => k.materialize(x, slicedView(shape))),
      },
      {
        name: `expand ${label} with a new axis and its size-1 axes`,
        tolerance: 0,
        run: (backend) =>
          withInputs([input(backend, shape, rank + 3)], (x) => k.broadcastTo(x, [2, ...shape.map((d) => (d === 1 ? 3 : d))])),
      },
      {
        name: `cat along the last and first axes ${label}`,
        tolerance: 0,
        run: (backend) => {
          const other = [...shape.slice(0, -1), 2], first = [3, ...shape.slice(1)];
          return withInputs([input(backend, shape, 1), input(backend, other, 2), input(backend, first, 3)],
            (a, b, c) => [k.cat([a, b, a], -1), k.cat([c, a], 0)]);
        },
      },
      {
        name: `write into a slice of ${label} from a broadcast value`,
        tolerance: 0,
        run: (backend) => {
          const view = slicedView(shape);
          return withInputs([input(backend, shape, 4), input(backend, [view.shape[rank - 1]], 5)], (x, value) => {
            const target = k.copy(x);
            k.writeView('writeView', target, view, value);
            return target;
          });
        },
      },
    );
  }
  return cases;
}

/** Integer indices in [0, length), some repeated, as a tensor of shape. */
function indices(backend: Parameters<KernelCase['run']>[0], shape: readonly number[], length: number, seed: number) {
  const next = rng(seed);
  return tensor(Float32Array.from({ length: size(shape) }, () => Math.floor(next() * length)), shape, { backend });
}

function gatherCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const shape of SHAPES) {
    const rank = shape.length, label = JSON.stringify(shape);
    for (const axis of new Set([0, rank - 1, Math.floor(rank / 2)])) {
      const count = 5;
      const indexShape = shape.map((d, i) => (i === axis ? count : d));
      cases.push(
        {
          name: `indexSelect ${label} axis ${axis}, ${count} indices`,
          tolerance: 0,
          run: (backend) => withInputs([input(backend, shape, rank), indices(backend, [count], shape[axis], axis)], (x, i) => k.indexSelect(x, axis, i)),
        },
        {
          name: `gather ${label} axis ${axis}`,
          tolerance: 0,
          run: (backend) =>
            withInputs([input(backend, shape, rank + 7), indices(backend, indexShape, shape[axis], rank)], (x, i) => k.gather(x, axis, i)),
        },
        {
          name: `scatterAdd ${label} axis ${axis} (repeated indices add up)`,
          tolerance: 1e-6,
          run: (backend) =>
            withInputs(
              [input(backend, shape, rank + 8), indices(backend, indexShape, shape[axis], rank + 1), input(backend, indexShape, rank + 9)],
              (x, i, src) => k.scatterAdd(x, axis, i, src),
            ),
        },
      );
    }
  }
  return cases;
}

export function layoutCases(): KernelCase[] {
  return [...stridedCases(), ...gatherCases()];
}
