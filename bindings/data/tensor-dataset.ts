/** PyTorch's TensorDataset: tensors that share their first axis, example i being (t[i] for each t). */
import '../autograd/methods/index.js';
import { ShapeError, ValueError } from '../errors.js';
import { tensorArgument } from '../kernels/launch.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { makeDataset, type Dataset } from './dataset.js';

export class TensorDataset {
  readonly tensors: readonly Tensor[];

  /** `new TensorDataset(X, y)`: every tensor has the same length along axis 0. */
  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new ValueError('TensorDataset: expected at least one tensor');
    tensors.forEach((t, i) => tensorArgument('TensorDataset', `tensors[${i}]`, t));
    const length = tensors[0].shape[0];
    for (const [i, t] of tensors.entries())
      if (t.rank === 0 || t.shape[0] !== length)
        throw new ShapeError(
          `TensorDataset: tensors[${i}] of shape ${formatShape(t.shape)} does not have the ${length} examples of tensors[0] along axis 0`,
        );
    this.tensors = tensors;
  }

  /** Number of examples. */
  get length(): number {
    return this.tensors[0].shape[0];
  }

  /** Example i as one tensor per stored tensor (views, as dataset[i] in PyTorch). */
  at(i: number): Tensor[] {
    return this.tensors.map((t) => t.get(i));
  }

  /**
   * The first two tensors as a host Dataset (features, targets), for the host-batch paths such as fit().
   * Reads the data back synchronously: cpu and wasm tensors only.
   */
  toDataset(): Dataset<Float32Array> {
    if (this.tensors.length !== 2) throw new ValueError(`TensorDataset.toDataset: needs two tensors (features, targets), has ${this.tensors.length}`);
    const [x, y] = this.tensors;
    return makeDataset(x.dataSync(), y.dataSync(), x.shape.slice(1), y.shape.slice(1));
  }
}
