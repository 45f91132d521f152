/** The d2l chapter 3–4 classifiers on 28×28 images, as Sequentials with PyTorch's parameter names. */
import type { Backend } from '../backend.js';
import { ValueError } from '../errors.js';
import { options as checkOptions } from '../validate.js';
import { Random } from '../random.js';
import { linearDefault, normal, xavierUniform, zeros, type Initializer } from '../init/initializers.js';
import { Dropout, Linear, ReLU, Sequential } from '../nn/index.js';

export type D2lModelName = 'softmax' | 'mlp' | 'dropout-mlp';

export interface D2lModelOptions {
  backend?: Backend;
  /** Seeds the initial weights (drawn layer by layer, weight before bias) and the dropout masks. */
  seed?: number;
  /** Inputs per example (784 for 28×28 images) and classes. */
  inputs?: number;
  classes?: number;
  hidden?: number;
  /**
   * 'd2l' (default): weights N(0, 0.01²), biases 0, as d2l's MLP chapters; 'xavier': Xavier-uniform
   * weights, biases 0; 'pytorch': torch.nn.Linear's own U(±1/√fanIn) for weights and biases.
   */
  init?: D2lInit;
  /** A weight initialiser overriding `init`'s (biases 0). */
  weightInit?: Initializer;
}

export type D2lInit = 'd2l' | 'xavier' | 'pytorch';
export const D2L_INITS: readonly D2lInit[] = ['d2l', 'xavier', 'pytorch'];

function initOf(options: D2lModelOptions, fanIn: number): { weight: Initializer; bias: Initializer } {
  if (options.weightInit) return { weight: options.weightInit, bias: zeros() };
  switch (options.init ?? 'd2l') {
    case 'd2l':
      return { weight: normal(0.01), bias: zeros() };
    case 'xavier':
      return { weight: xavierUniform(), bias: zeros() };
    case 'pytorch':
      return { weight: linearDefault(), bias: linearDefault(fanIn) };
    default:
      throw new ValueError(`unknown init '${String(options.init)}' (d2l, xavier or pytorch)`);
  }
}

/**
 * softmax: Linear(784→10) (d2l 3.7); mlp: Linear(784→256), ReLU, Linear(256→10) (d2l 4.3);
 * dropout-mlp: Linear(784→256), ReLU, Dropout(0.2), Linear(256→256), ReLU, Dropout(0.5),
 * Linear(256→10) (d2l 4.6).
 */
export function d2lModel(name: D2lModelName, options: D2lModelOptions = {}): Sequential {
  const { backend, seed = 0, inputs = 784, classes = 10, hidden = 256 } =
    checkOptions('d2lModel', options, ['backend', 'seed', 'inputs', 'classes', 'hidden', 'init', 'weightInit']);
  const random = new Random(seed);
  const linear = (i: number, o: number) => new Linear(i, o, { init: initOf(options, i), seed: random, backend });
  switch (name) {
    case 'softmax':
      return new Sequential(linear(inputs, classes));
    case 'mlp':
      return new Sequential(linear(inputs, hidden), new ReLU(), linear(hidden, classes));
    case 'dropout-mlp':
      return new Sequential(
        linear(inputs, hidden), new ReLU(), new Dropout(0.2, { seed: random }),
        linear(hidden, hidden), new ReLU(), new Dropout(0.5, { seed: random }),
        linear(hidden, classes),
      );
    default:
      throw new ValueError(`unknown model '${String(name)}' (softmax, mlp or dropout-mlp)`);
  }
}
