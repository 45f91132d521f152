/** Optimiser updates, in place. */
import { ShapeError } from '../errors.js';
import { callFused } from '../fused/index.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { finiteNumber, integer, nonNegativeNumber } from '../validate.js';
import { tensorArguments } from './launch.js';

function sameShapes(fn: string, tensors: readonly Tensor[]): void {
  for (const t of tensors)
    if (!sameShape(t.shape, tensors[0].shape))
      throw new ShapeError(`${fn}: shapes differ: ${tensors.map((u) => formatShape(u.shape)).join(', ')}`);
}

export interface SgdUpdateOptions {
  lr: number;
  weightDecay?: number;
  momentum?: number;
}

/** One SGD step in place on param (and velocity, needed when momentum > 0). */
export function sgdUpdate(param: Tensor, grad: Tensor, velocity: Tensor | null, options: SgdUpdateOptions): void {
  const backend = tensorArguments('sgdUpdate', { param, grad, velocity }, ['velocity']);
  sameShapes('sgdUpdate', velocity ? [param, grad, velocity] : [param, grad]);
  const lr = finiteNumber('sgdUpdate', 'lr', options?.lr);
  const weightDecay = finiteNumber('sgdUpdate', 'weightDecay', options.weightDecay ?? 0);
  const momentum = finiteNumber('sgdUpdate', 'momentum', options.momentum ?? 0);
  if (momentum !== 0 && !velocity) throw new ShapeError('sgdUpdate: momentum needs a velocity tensor');
  if (param.size === 0) return;
  callFused(backend, 'sgdUpdate', param.storage, grad.storage, velocity ? velocity.storage : null, param.size, {
    lr, weightDecay, momentum,
  });
}

export interface AdamUpdateOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  /** The 1-based step being taken. */
  step: number;
}

/** One Adam step in place on param, m and v. */
export function adamUpdate(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, options: AdamUpdateOptions): void {
  const backend = tensorArguments('adamUpdate', { param, grad, m, v });
  sameShapes('adamUpdate', [param, grad, m, v]);
  const lr = finiteNumber('adamUpdate', 'lr', options?.lr);
  const beta1 = nonNegativeNumber('adamUpdate', 'beta1', options.beta1 ?? 0.9, { below: 1 });
  const beta2 = nonNegativeNumber('adamUpdate', 'beta2', options.beta2 ?? 0.999, { below: 1 });
  const eps = finiteNumber('adamUpdate', 'eps', options.eps ?? 1e-8);
  const weightDecay = finiteNumber('adamUpdate', 'weightDecay', options.weightDecay ?? 0);
  const step = integer('adamUpdate', 'step', options.step, { min: 1 });
  if (param.size === 0) return;
  callFused(backend, 'adamUpdate', param.storage, grad.storage, m.storage, v.storage, param.size, {
    lr, beta1, beta2, eps, weightDecay, biasCorrection1: 1 - beta1 ** step, biasCorrection2: 1 - beta2 ** step,
  });
}
