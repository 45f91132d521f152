// The module's exports: every kernel takes raw pointers into linear memory and element counts.
export function heapBase(): usize {
  return __heap_base;
}
export { fill, copy } from './memory';
export { unary, binary, reduce } from './ops.generated';
export { argReduce } from './reduce';
export { stridedCopy, gather, scatterAdd } from './layout';
export {
  matmul, matmulBatch, matmulBlocking, matmulCompute, matmulFewRows, matmulGroupDepth, matmulPackB, matmulRoute,
  matmulScratchBytes,
} from './matmul';
export { softmax } from './softmax';
export { crossEntropy } from './cross_entropy';
export { dropout } from './dropout';
export { philox4x32_10 } from './philox';
export { sgdUpdate, adamUpdate } from './optim';
