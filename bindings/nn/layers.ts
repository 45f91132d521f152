/** Parameter-free layers. */
import { relu, sigmoid, tanh, gelu, geluApproximation, dropout, type GeluOptions } from '../autograd/ops/activation.js';
import { flatten } from '../autograd/ops/shape.js';
import { Random } from '../random.js';
import { dropoutP, seed as checkSeed } from '../validate.js';
import { randomFrom } from '../init/random.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';

export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

/** GELU (torch.nn.GELU): x·Φ(x), or its tanh approximation with { approximate: 'tanh' }. */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';

  constructor(options: GeluOptions = {}) {
    super();
    this.approximate = geluApproximation('GELU', options);
  }

  forward(x: Tensor): Tensor {
    return gelu(x, { approximate: this.approximate });
  }
}

/** Merges dims startDim..endDim into one; the default keeps the batch axis, as torch.nn.Flatten. */
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }
}

/**
 * Inverted dropout, active in training mode only. Its masks come from Philox keyed by the
 * layer's seed; every forward call in training uses the next offset, so masks differ from
 * step to step yet replay exactly from the same seed.
 */
export class Dropout extends Module {
  readonly seed: number;
  /** Offset of the next mask; counts training forward calls. */
  offset = 0;

  constructor(readonly p: number, options: { seed?: number | Random } = {}) {
    super();
    dropoutP('Dropout', p);
    const { seed } = options;
    if (seed !== undefined && !(seed instanceof Random))
      checkSeed('Dropout', seed);
    this.seed = typeof seed === 'number' ? seed : randomFrom(seed).nextSeed();
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const offset = this.offset;
    this.offset = (this.offset + 1) >>> 0;
    return dropout(x, { p: this.p, seed: this.seed, offset });
  }
}
