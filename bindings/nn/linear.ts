import type { Backend } from '../backend.js';
import { ValueError } from '../errors.js';
import { linear } from '../autograd/ops/matmul.js';
import { type Initializer, initTensor, linearDefault } from '../init/initializers.js';
import { Random } from '../random.js';
import { randomFrom } from '../init/random.js';
import { defaultBackend, type Tensor } from '../tensor.js';
import { Module } from './module.js';

export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /**
   * Weight initialiser, or one per parameter ({ weight, bias }). A single initialiser sets the
   * weight only. Default, for each parameter not given: PyTorch's U(±1/√in).
   */
  init?: Initializer | { weight?: Initializer; bias?: Initializer };
  /** Seed or Random for the initialisers; the default source (manualSeed) when absent. */
  seed?: number | Random;
  backend?: Backend;
}

/**
 * y = x·Wᵀ + b. The weight is stored [outFeatures, inFeatures] as in PyTorch (so a saved state
 * loads into torch.nn.Linear unchanged), the bias [outFeatures]. Weight is drawn before bias.
 */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [name, n] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const)
      if (!Number.isSafeInteger(n) || n < 0) throw new ValueError(`Linear: ${name} must be a non-negative integer, got ${String(n)}`);
    const backend = options.backend ?? defaultBackend();
    const random = randomFrom(options.seed);
    const init = options.init;
    const perParameter = init && 'values' in init ? { weight: init } : init;
    const weightInit = perParameter?.weight ?? linearDefault();
    const biasInit = perParameter?.bias ?? linearDefault(inFeatures);
    this.weight = this.registerParameter('weight', initTensor([outFeatures, inFeatures], weightInit, { backend, seed: random }));
    this.bias = options.bias === false
      ? null
      : this.registerParameter('bias', initTensor([outFeatures], biasInit, { backend, seed: random }));
  }

  /** With relu, applies ReLU in the same kernel (Sequential fuses Linear → ReLU this way). */
  forward(x: Tensor, options: { relu?: boolean } = {}): Tensor {
    return linear(x, this.weight, this.bias, options);
  }
}
