/**
 * The kernel API on tensors: every function validates its arguments, allocates its output and calls
 * the tensors' backend. No gradients here; autograd/ builds on these.
 */
export { unary, unaryInPlace, binary, binaryInPlace, where, copy, accumulate } from './elementwise.js';
export { reduce, sum, argReduce, argmax, argmin, broadcastTo, sumTo } from './reduce.js';
export { matmul, type MatmulOptions } from './matmul.js';
export { materialize, writeView, permute, transpose, flip, cat } from './layout.js';
export {
  type View, contiguousView, permuteView, sliceView, selectView, unsqueezeView, expandView, flipView,
} from './view.js';
export { gather, indexSelect, scatterAdd, indexTensor, type Indices } from './gather.js';
export { indexView, type IndexSpec, type IndexItem } from './index-spec.js';
export {
  softmax, logSoftmax, crossEntropy, labelTensor, rowShape, type Labels, type CrossEntropyOptions, type CrossEntropyResult,
} from './rows.js';
export { dropout, dropoutArgs, DROPOUT_OPTIONS, type DropoutOptions } from './dropout.js';
export { sgdUpdate, adamUpdate, type SgdUpdateOptions, type AdamUpdateOptions } from './optim.js';
export { tensorArgument, tensorArguments, launch } from './launch.js';
