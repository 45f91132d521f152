/**
 * Weight initialisers. Values are drawn on the host from a seeded Random and uploaded, so the
 * same seed gives the same weights on every backend. Fans follow PyTorch for a [out, in]
 * weight: fanIn = in (shape[1]), fanOut = out (shape[0]), times the receptive field for rank > 2.
 */
import type { Backend } from '../backend.js';
import { ShapeError, ValueError } from '../errors.js';
import { checkShape, formatShape, shapeSize } from '../shape.js';
import { Tensor, tensor } from '../tensor.js';
import { Random } from '../random.js';
import { randomFrom } from './random.js';
import { tensorArgument } from '../kernels/launch.js';
import { describe, options as checkOptions } from '../validate.js';

export interface Initializer {
  readonly name: string;
  /** Values for a tensor of this shape, drawn from random. */
  values(shape: readonly number[], random: Random): Float32Array;
}

function finite(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValueError(`${name} must be a finite number, got ${String(value)}`);
  return value;
}

export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  checkShape(shape, 'fans');
  if (shape.length < 2)
    throw new ShapeError(`fan in and fan out need a tensor of rank 2 or more, got ${formatShape(shape)}`);
  const receptive = shapeSize(shape.slice(2));
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

function draw(shape: readonly number[], sample: () => number): Float32Array {
  const out = new Float32Array(shapeSize(shape));
  for (let i = 0; i < out.length; i++) out[i] = sample();
  return out;
}

/** N(mean, std²); d2l's weights use std 0.01. */
export function normal(std = 1, mean = 0): Initializer {
  finite('normal: std', std);
  finite('normal: mean', mean);
  if (std < 0) throw new ValueError(`normal: std must be non-negative, got ${std}`);
  return { name: `normal(${mean}, ${std})`, values: (shape, random) => draw(shape, () => mean + std * random.normal()) };
}

/** U(low, high). */
export function uniform(low = 0, high = 1): Initializer {
  finite('uniform: low', low);
  finite('uniform: high', high);
  if (!(low <= high)) throw new ValueError(`uniform: low ${low} must not exceed high ${high}`);
  return { name: `uniform(${low}, ${high})`, values: (shape, random) => draw(shape, () => low + (high - low) * random.uniform()) };
}

export function constant(value: number): Initializer {
  finite('constant: value', value);
  return { name: `constant(${value})`, values: (shape) => new Float32Array(shapeSize(shape)).fill(value) };
}

export function zeros(): Initializer {
  return constant(0);
}

export function ones(): Initializer {
  return constant(1);
}

/** Xavier/Glorot uniform: U(−a, a), a = gain·√(6 / (fanIn + fanOut)). */
export function xavierUniform(gain = 1): Initializer {
  finite('xavierUniform: gain', gain);
  return {
    name: `xavierUniform(${gain})`,
    values: (shape, random) => {
      const { fanIn, fanOut } = fans(shape);
      const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
      return draw(shape, () => bound * (2 * random.uniform() - 1));
    },
  };
}

/** Xavier/Glorot normal: N(0, σ²), σ = gain·√(2 / (fanIn + fanOut)). */
export function xavierNormal(gain = 1): Initializer {
  finite('xavierNormal: gain', gain);
  return {
    name: `xavierNormal(${gain})`,
    values: (shape, random) => {
      const { fanIn, fanOut } = fans(shape);
      const std = gain * Math.sqrt(2 / (fanIn + fanOut));
      return draw(shape, () => std * random.normal());
    },
  };
}

/**
 * PyTorch's default for nn.Linear: U(−1/√fanIn, 1/√fanIn) for the weight (kaiming_uniform with
 * a = √5) and for the bias (pass the weight's fanIn).
 */
export function linearDefault(fanIn?: number): Initializer {
  return {
    name: 'linearDefault',
    values: (shape, random) => {
      const n = fanIn ?? fans(shape).fanIn;
      const bound = n > 0 ? 1 / Math.sqrt(n) : 0;
      return draw(shape, () => bound * (2 * random.uniform() - 1));
    },
  };
}

export interface InitOptions {
  backend?: Backend;
  /** A seed or a Random; the default source (manualSeed) when absent. */
  seed?: number | Random;
  requiresGrad?: boolean;
}

/** A new tensor of this shape filled by the initialiser. */
function checkInitializer(fn: string, initializer: unknown): void {
  if (!initializer || typeof (initializer as Partial<Initializer>).values !== 'function')
    throw new ValueError(`${fn}: initializer must be an Initializer (init.normal(), init.xavierUniform(), ...), got ${describe(initializer)}`);
}

export function initTensor(shape: readonly number[], initializer: Initializer, options: InitOptions = {}): Tensor {
  checkShape(shape, 'initTensor');
  checkInitializer('initTensor', initializer);
  const values = initializer.values(shape, randomFrom(checkOptions('initTensor', options, ['seed', 'backend', 'requiresGrad']).seed));
  return tensor(values, shape, { backend: options.backend, requiresGrad: options.requiresGrad });
}

/** Overwrites t's values in place with the initialiser's (PyTorch's nn.init.*_). */
export function initialize(t: Tensor, initializer: Initializer, seed?: number | Random): Tensor {
  tensorArgument('initialize', 't', t);
  checkInitializer('initialize', initializer);
  const values = initializer.values(t.shape, randomFrom(seed));
  t.backend.write(t.storage, values);
  return t;
}
