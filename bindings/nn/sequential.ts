import { IndexError, ValueError } from '../errors.js';
import { tidy, type Tensor } from '../tensor.js';
import { ReLU } from './layers.js';
import { Linear } from './linear.js';
import { Module } from './module.js';

/** Modules applied in order; children are named "0", "1", ... as in PyTorch. */
export class Sequential extends Module {
  readonly layers: readonly Module[];

  constructor(...layers: Module[]) {
    super();
    layers.forEach((layer, i) => {
      if (!(layer instanceof Module)) throw new ValueError(`Sequential: argument ${i} is not a Module`);
      this.registerModule(String(i), layer);
    });
    this.layers = layers;
  }

  /** The layer at index i (negative counts from the end): PyTorch's net[i]. */
  at(i: number): Module {
    const n = this.layers.length;
    if (!Number.isInteger(i) || i < -n || i >= n) throw new IndexError(`Sequential.at: index ${String(i)} is out of range for ${n} layers`);
    return this.layers[i < 0 ? i + n : i];
  }

  get length(): number {
    return this.layers.length;
  }

  /**
   * Runs the layers in turn; a Linear followed by a ReLU runs as one fused linear+ReLU kernel.
   * Only the exact classes fuse: a subclass of either may change forward and runs on its own.
   */
  forward(x: Tensor): Tensor {
    return tidy(() => {
      let y = x;
      for (let i = 0; i < this.layers.length; i++) {
        const layer = this.layers[i];
        if (isExactly(layer, Linear) && isExactly(this.layers[i + 1], ReLU)) {
          y = layer.forward(y, { relu: true });
          i++;
        } else y = layer.forward(y);
      }
      return y;
    });
  }
}

function isExactly<T extends object>(value: unknown, type: abstract new (...args: any[]) => T): value is T {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === type.prototype;
}
