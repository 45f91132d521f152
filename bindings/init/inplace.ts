/**
 * PyTorch's nn.init functions that fill a tensor in place (normal_, uniform_, constant_, zeros_, ones_,
 * xavierUniform_, xavierNormal_), drawing from the default random source (manualSeed) on the host:
 * `net.apply((m) => { if (m instanceof nn.Linear) init.normal_(m.weight, { std: 0.01 }); })`.
 * Each returns the tensor; under autograd the write is not recorded (as under torch.no_grad()).
 */
import { noGrad } from '../autograd/grad-mode.js';
import { tensorArgument } from '../kernels/launch.js';
import type { Tensor } from '../tensor.js';
import { finiteNumber, options as checkOptions } from '../validate.js';
import { constant, initialize, normal, uniform, xavierNormal, xavierUniform, type Initializer } from './initializers.js';

function fill(fn: string, t: Tensor, initializer: Initializer): Tensor {
  tensorArgument(fn, 'tensor', t);
  noGrad(() => initialize(t, initializer));
  t.markModified();
  return t;
}

/** N(mean, std²): normal_(t, mean, std) or normal_(t, { mean, std }). */
export function normal_(t: Tensor, mean: number | { mean?: number; std?: number } = 0, std = 1): Tensor {
  const o = typeof mean === 'object' ? checkOptions('normal_', mean, ['mean', 'std']) : { mean, std };
  return fill('normal_', t, normal(finiteNumber('normal_', 'std', o.std ?? 1), finiteNumber('normal_', 'mean', o.mean ?? 0)));
}

/** U(a, b): uniform_(t, a, b) or uniform_(t, { a, b }). */
export function uniform_(t: Tensor, a: number | { a?: number; b?: number } = 0, b = 1): Tensor {
  const o = typeof a === 'object' ? checkOptions('uniform_', a, ['a', 'b']) : { a, b };
  return fill('uniform_', t, uniform(o.a ?? 0, o.b ?? 1));
}

export function constant_(t: Tensor, value: number): Tensor {
  return fill('constant_', t, constant(value));
}

export function zeros_(t: Tensor): Tensor {
  return fill('zeros_', t, constant(0));
}

export function ones_(t: Tensor): Tensor {
  return fill('ones_', t, constant(1));
}

/** Xavier/Glorot uniform with PyTorch's fans: xavierUniform_(t, gain) or xavierUniform_(t, { gain }). */
export function xavierUniform_(t: Tensor, gain: number | { gain?: number } = 1): Tensor {
  return fill('xavierUniform_', t, xavierUniform(typeof gain === 'object' ? checkOptions('xavierUniform_', gain, ['gain']).gain ?? 1 : gain));
}

export function xavierNormal_(t: Tensor, gain: number | { gain?: number } = 1): Tensor {
  return fill('xavierNormal_', t, xavierNormal(typeof gain === 'object' ? checkOptions('xavierNormal_', gain, ['gain']).gain ?? 1 : gain));
}
