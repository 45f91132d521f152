/**
 * The default of every fused kernel, composed of primitives: a backend gets each fused kernel from
 * here until it overrides it with a faster one. The kernel table tests every override against these.
 */
import type { AdamArgs, Backend, BroadcastLayout, DropoutArgs, FusedKernels, SgdArgs, Storage } from '../backend.js';
import { dropoutWord } from '../cpu/philox.js';
import { broadcastLayout, collapse } from '../shape.js';
import { withScratch } from './scratch.js';

type Defaults = { [K in keyof FusedKernels]: (backend: Backend, ...args: Parameters<FusedKernels[K]>) => void };

function sameShape(length: number): BroadcastLayout {
  return { shape: [length], strides: [[1], [1]] };
}

/** x [rows, cols] against a per-row [rows, 1] value. */
function perRow(rows: number, cols: number): BroadcastLayout {
  return broadcastLayout([[rows, cols], [rows, 1]]).layout;
}

function softmax(backend: Backend, x: Storage, out: Storage, rows: number, cols: number, log: boolean): void {
  const row = { outer: rows, length: cols, inner: 1 };
  withScratch(backend, [rows, log ? rows * cols : 0], (perRowValue, exps) => {
    backend.reduce('max', x, perRowValue, row);
    backend.binary('sub', x, perRowValue, out, perRow(rows, cols), 0, 0);
    if (log) {
      backend.unary('exp', out, exps, rows * cols, 0, 0);
      backend.reduce('sum', exps, perRowValue, row);
      backend.unary('log', perRowValue, perRowValue, rows, 0, 0);
      backend.binary('sub', out, perRowValue, out, perRow(rows, cols), 0, 0);
    } else {
      backend.unary('exp', out, out, rows * cols, 0, 0);
      backend.reduce('sum', out, perRowValue, row);
      backend.binary('div', out, perRowValue, out, perRow(rows, cols), 0, 0);
    }
  });
}

function crossEntropy(
  backend: Backend, logits: Storage, labels: Storage, loss: Storage, grad: Storage | null,
  rows: number, cols: number, gradScale: number,
): void {
  const pick = { outer: rows, length: cols, inner: 1, count: 1, indexStrides: [1, 0, 0] as const };
  withScratch(backend, [rows * cols, rows], (logProbabilities, minusOnes) => {
    callFused(backend, 'softmax', logits, logProbabilities, rows, cols, true);
    backend.gather(logProbabilities, labels, loss, pick);
    backend.unary('neg', loss, loss, rows, 0, 0);
    if (!grad) return;
    backend.unary('exp', logProbabilities, grad, rows * cols, 0, 0);
    backend.fill(minusOnes, -1, rows);
    backend.scatterAdd(minusOnes, labels, grad, pick);
    backend.unary('scale', grad, grad, rows * cols, gradScale, 0);
  });
}

/** The keep mask is drawn on the host with the reference Philox, then applied with primitives. */
function dropout(backend: Backend, x: Storage, out: Storage, length: number, args: DropoutArgs): void {
  const keep = new Float32Array(length);
  for (let i = 0; i < length; i++) keep[i] = dropoutWord(i, args.seedLo, args.seedHi, args.offset) >= args.threshold ? 1 : 0;
  withScratch(backend, [length], (mask) => {
    backend.write(mask, keep);
    backend.binary('whereTrue', mask, x, out, sameShape(length), 0, 0);
    backend.unary('scale', out, out, length, args.scale, 0);
  });
}

/** where(c, a, b) = whereTrue(c, a) + whereFalse(c, b); a -0 taken from a becomes +0. */
function where(backend: Backend, cond: Storage, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout): void {
  const length = layout.shape.reduce((x, y) => x * y, 1);
  const [sc, sa, sb] = layout.strides;
  withScratch(backend, [length], (fromB) => {
    backend.binary('whereTrue', cond, a, out, collapse(layout.shape, [sc, sa]), 0, 0);
    backend.binary('whereFalse', cond, b, fromB, collapse(layout.shape, [sc, sb]), 0, 0);
    backend.binary('add', out, fromB, out, sameShape(length), 0, 0);
  });
}

/** g = grad + weightDecay·param, into g. */
function decayedGradient(backend: Backend, param: Storage, grad: Storage, g: Storage, length: number, weightDecay: number): void {
  backend.unary('scale', param, g, length, weightDecay, 0);
  backend.binary('add', grad, g, g, sameShape(length), 0, 0);
}

/** param += -lr · step. */
function descend(backend: Backend, param: Storage, step: Storage, scratch: Storage, length: number, lr: number): void {
  backend.unary('scale', step, scratch, length, -lr, 0);
  backend.binary('add', param, scratch, param, sameShape(length), 0, 0);
}

function sgdUpdate(backend: Backend, param: Storage, grad: Storage, velocity: Storage | null, length: number, args: SgdArgs): void {
  withScratch(backend, [length], (g) => {
    decayedGradient(backend, param, grad, g, length, args.weightDecay);
    if (velocity && args.momentum !== 0) {
      backend.unary('scale', velocity, velocity, length, args.momentum, 0);
      backend.binary('add', velocity, g, velocity, sameShape(length), 0, 0);
      descend(backend, param, velocity, g, length, args.lr);
    } else descend(backend, param, g, g, length, args.lr);
  });
}

/** m ← beta·m + (1 − beta)·value, with value in t (overwritten). */
function movingAverage(backend: Backend, m: Storage, t: Storage, length: number, beta: number): void {
  backend.unary('scale', m, m, length, beta, 0);
  backend.unary('scale', t, t, length, 1 - beta, 0);
  backend.binary('add', m, t, m, sameShape(length), 0, 0);
}

function adamUpdate(backend: Backend, param: Storage, grad: Storage, m: Storage, v: Storage, length: number, args: AdamArgs): void {
  withScratch(backend, [length, length], (g, t) => {
    decayedGradient(backend, param, grad, g, length, args.weightDecay);
    backend.unary('square', g, t, length, 0, 0);
    movingAverage(backend, v, t, length, args.beta2);
    movingAverage(backend, m, g, length, args.beta1);
    backend.unary('scale', v, t, length, 1 / args.biasCorrection2, 0);
    backend.unary('sqrt', t, t, length, 0, 0);
    backend.unary('shift', t, t, length, args.eps, 0);
    backend.unary('scale', m, g, length, 1 / args.biasCorrection1, 0);
    backend.binary('div', g, t, g, sameShape(length), 0, 0);
    descend(backend, param, g, g, length, args.lr);
  });
}

export const FUSED_DEFAULTS: Defaults = { softmax, crossEntropy, dropout, where, sgdUpdate, adamUpdate };

/** Runs a fused kernel: the backend's override when it has one, else the default above. */
export function callFused<K extends keyof FusedKernels>(backend: Backend, name: K, ...args: Parameters<FusedKernels[K]>): void {
  const override = backend[name] as ((...a: Parameters<FusedKernels[K]>) => void) | undefined;
  if (override) override.apply(backend, args);
  else (FUSED_DEFAULTS[name] as (backend: Backend, ...a: Parameters<FusedKernels[K]>) => void)(backend, ...args);
}
