import { tensorArgument } from '../kernels/launch.js';
import { Tensor } from '../tensor.js';
import { boolean } from '../validate.js';

/**
 * A tensor that is a module's parameter (PyTorch's nn.Parameter): it shares `data`'s storage, requires
 * grad (unless told otherwise), and stays out of tidy() scopes. A Module finds the Parameters (and the
 * Modules) assigned to its fields, so `this.w = new Parameter(randn([3, 1]))` registers w.
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    tensorArgument('Parameter', 'data', data);
    const grad = boolean('Parameter', 'requiresGrad', requiresGrad);
    super(data.backend, data.storage, data.shape, data.sharedStorage);
    this.requiresGrad = grad;
    this.keep();
  }
}
