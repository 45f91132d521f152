/** Tensors: the class, its lifetime (dispose, tidy, the garbage collector) and how to make one. */
export { Tensor, type GradNode, type TensorOptions } from './tensor/tensor.js';
export { tidy, untrack, isThenable } from './tensor/scope.js';
export { liveTensorCount, collectedTensorCount } from './tensor/lifetime.js';
export {
  tensor, full, zeros, ones, empty, zerosLike, onesLike, fullLike, arange, linspace, eye, rand, randn, normal,
  randint, randnLike, randLike, defaultBackend, setDefaultBackend,
} from './tensor/creation.js';
export { resolveShape } from './shape.js';
