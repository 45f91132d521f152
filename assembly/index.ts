// The module's exports: every kernel takes raw pointers into linear memory and element counts.
export function heapBase(): usize {
  return __heap_base;
}
export { fill, copy } from './memory';
export { unary, binarySame, binaryScalarB, binaryRowB, binaryColumnB, binaryStrided } from './elementwise';
export { sum, argmax } from './reduce';
export { matmul, matmulScratchBytes } from './matmul';
export { softmax } from './softmax';
export { crossEntropy } from './cross_entropy';
export { reluBackward } from './relu';
export { dropout } from './dropout';
export { philox4x32_10 } from './philox';
export { sgdUpdate, adamUpdate } from './optim';
