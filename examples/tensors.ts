/**
 * d2l 2.1, data manipulation: making tensors, indexing and slicing, elementwise operations,
 * concatenation, broadcasting, saving memory with in-place writes, and conversion to host values.
 * Prints what the book's cells show.
 */
import { arange, cat, exp, manualSeed, ones, randn, tensor, zeros, zerosLike, type Tensor } from '../bindings/index.js';
import { runSection, size } from './book-section.js';
import { logger, runAsScript, type ExampleOptions } from './common.js';

export interface TensorsResult {
  numel: number;
  reshaped: number[];
  assigned: unknown;
  elementwise: Record<'sum' | 'difference' | 'product' | 'quotient' | 'power', unknown>;
  catShapes: [number[], number[]];
  equal: unknown;
  total: number;
  broadcast: unknown;
  /** Y = Y + X makes a new tensor; Z[:] = X + Y and X += Y write into the old one. */
  sameObject: { afterAdd: boolean; afterSliceAssign: boolean; afterInPlace: boolean };
  item: number;
}

export async function main(options: ExampleOptions = {}): Promise<TensorsResult> {
  const log = logger(options);
  manualSeed(options.seed ?? 0);
  const show = (label: string, value: unknown) => log(`${label}\n${String(value)}`);
  return runSection(options, () => {
    // 2.1.1 Getting started
    const x = arange(12);
    show('x = arange(12)', x);
    log(`x.numel() = ${x.numel()}`);
    log(`x.shape = ${size(x.shape)}`);
    let X = x.reshape([3, 4]);
    show('X = x.reshape([3, 4])', X);
    show('zeros([2, 3, 4])', zeros([2, 3, 4]));
    show('ones([2, 3, 4])', ones([2, 3, 4]));
    show('randn([3, 4])', randn([3, 4]));
    show('tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])', tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]));

    // 2.1.2 Indexing and slicing
    show('X[-1], X[1:3]', `${X.get(-1)}\n${X.get('1:3')}`);
    X.set([1, 2], 17);
    show('X[1, 2] = 17', X);
    X.set(':2, :', 12);
    show('X[:2, :] = 12', X);
    const assigned = X.tolist();

    // 2.1.3 Operations
    show('exp(x)', exp(x));
    const a = tensor([1.0, 2, 4, 8]), b = tensor([2, 2, 2, 2]);
    const elementwise = { sum: a.add(b), difference: a.sub(b), product: a.mul(b), quotient: a.div(b), power: a.pow(b) };
    show('x + y, x - y, x * y, x / y, x ** y', Object.values(elementwise).join('\n'));
    X = arange(12).reshape([3, 4]);
    let Y = tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]);
    const [rows, columns] = [cat([X, Y], 0), cat([X, Y], 1)];
    show('cat([X, Y], 0), cat([X, Y], 1)', `${rows}\n${columns}`);
    const equal = X.eq(Y);
    show('X == Y', equal);
    const total = X.sum();
    show('X.sum()', total);

    // 2.1.4 Broadcasting
    const p = arange(3).reshape([3, 1]), q = arange(2).reshape([1, 2]);
    show('a, b', `${p}\n${q}`);
    const broadcast = p.add(q);
    show('a + b', broadcast);

    // 2.1.5 Saving memory: JavaScript's === plays Python's id() comparison
    let before: Tensor = Y;
    Y = Y.add(X);
    const afterAdd = Y === before;
    log(`before = Y; Y = Y + X; Y === before: ${afterAdd}`);
    const Z = zerosLike(Y);
    before = Z;
    Z.set(':', X.add(Y));
    const afterSliceAssign = Z === before;
    log(`Z = zerosLike(Y); Z[:] = X + Y (Z.set(':', X.add(Y))); Z is the same tensor: ${afterSliceAssign}`);
    before = X;
    X.add_(Y);
    const afterInPlace = X === before;
    log(`X += Y (X.add_(Y)); X is the same tensor: ${afterInPlace}`);

    // 2.1.6 Conversion to other Python objects: dataSync() is numpy(), tensor(values, shape) from_numpy
    const A = X.dataSync(), B = tensor(A, X.shape);
    log(`A = X.dataSync(); B = tensor(A, X.shape): ${A.constructor.name}, ${B.constructor.name}`);
    const scalar = tensor([3.5]);
    log(`a, a.item(), float(a), int(a): ${scalar}, ${scalar.item()}, ${Number(scalar.item())}, ${Math.trunc(scalar.item())}`);

    return {
      numel: x.numel(), reshaped: [...X.shape] as number[], assigned,
      elementwise: Object.fromEntries(Object.entries(elementwise).map(([k, v]) => [k, v.tolist()])) as TensorsResult['elementwise'],
      catShapes: [[...rows.shape], [...columns.shape]], equal: equal.tolist(), total: total.item(), broadcast: broadcast.tolist(),
      sameObject: { afterAdd, afterSliceAssign, afterInPlace }, item: scalar.item(),
    };
  });
}

runAsScript(import.meta.url, main);
