/** Shape, indexing, matrix and autograd Tensor methods (x.reshape([2, 3]), x.get('1:3, -1'), x.T). */
import type { Backend } from '../../backend.js';
import type { Indices, IndexSpec, Labels } from '../../kernels/index.js';
import { ValueError } from '../../errors.js';
import { tensor, type Tensor } from '../../tensor.js';
import { boolean, describe } from '../../validate.js';
import { backward, type BackwardOptions } from '../backward.js';
import { softmax, logSoftmax } from '../ops/activation.js';
import { gather, get, indexSelect, maskedSelect, set } from '../ops/indexing.js';
import { crossEntropy, type LossOptions } from '../ops/loss.js';
import { dot, matmul, mm, mv } from '../ops/matmul.js';
import {
  broadcastTo, chunk, clone, expand, flatten, flip, permute, reshape, reverseAxes, split, squeeze, transpose, unsqueeze,
} from '../ops/shape.js';
import { installGetters, installMethods } from './install.js';

declare module '../../tensor/tensor.js' {
  interface Tensor {
    reshape(shape: readonly number[]): Tensor;
    /** Same as reshape (tensors are always contiguous). */
    view(shape: readonly number[]): Tensor;
    /** Merges dims startDim..endDim (default: all) into one. */
    flatten(startDim?: number, endDim?: number): Tensor;
    squeeze(axes?: number | readonly number[]): Tensor;
    unsqueeze(axis: number): Tensor;
    permute(dims: readonly number[]): Tensor;
    transpose(a: number, b: number): Tensor;
    /** The axes reversed: a matrix's transpose. */
    readonly T: Tensor;
    expand(shape: readonly number[]): Tensor;
    broadcastTo(shape: readonly number[]): Tensor;
    flip(axes: number | readonly number[]): Tensor;
    split(sizes: number | readonly number[], axis?: number): Tensor[];
    chunk(chunks: number, axis?: number): Tensor[];
    clone(): Tensor;
    /** Tensors are always contiguous: this. */
    contiguous(): Tensor;
    /** x[spec] with Python's indexing: x.get('1:3, -1'), x.get(-1), x.get([0, '::2', null]). */
    get(spec: IndexSpec): Tensor;
    /** x[spec] = value in place; returns this. */
    set(spec: IndexSpec, value: Tensor | number): Tensor;
    gather(axis: number, index: Indices): Tensor;
    indexSelect(axis: number, indices: Indices): Tensor;
    maskedSelect(mask: Tensor): Tensor;
    matmul(other: Tensor): Tensor;
    mm(other: Tensor): Tensor;
    mv(vector: Tensor): Tensor;
    dot(other: Tensor): Tensor;
    softmax(axis?: number): Tensor;
    logSoftmax(axis?: number): Tensor;
    crossEntropy(labels: Labels, options?: LossOptions): Tensor;
    /** Accumulates d(this)/d(leaf) into every leaf's .grad; see autograd/backward.ts. */
    backward(gradient?: Tensor, options?: BackwardOptions): void;
    /** A tensor over the same data that is cut off from the graph (requiresGrad false). */
    detach(): Tensor;
    /** Sets requiresGrad (PyTorch's requires_grad_); returns this. */
    requiresGrad_(requiresGrad?: boolean): Tensor;
    /** Frees .grad and sets it to null. */
    zeroGrad(): void;
    /** The number of elements (PyTorch's numel). */
    numel(): number;
    /** The rank (PyTorch's dim). */
    dim(): number;
    /** A copy on another backend (this when already there); the source must read synchronously. */
    to(backend: Backend): Tensor;
    /** to(), reading asynchronously: from any backend. */
    toAsync(backend: Backend): Promise<Tensor>;
  }
}

installMethods({
  reshape(shape: readonly number[]) { return reshape(this, shape); },
  view(shape: readonly number[]) { return reshape(this, shape); },
  flatten(startDim?: number, endDim?: number) { return flatten(this, startDim, endDim); },
  squeeze(axes?: number | readonly number[]) { return squeeze(this, axes); },
  unsqueeze(axis: number) { return unsqueeze(this, axis); },
  permute(dims: readonly number[]) { return permute(this, dims); },
  transpose(a: number, b: number) { return transpose(this, a, b); },
  expand(shape: readonly number[]) { return expand(this, shape); },
  broadcastTo(shape: readonly number[]) { return broadcastTo(this, shape); },
  flip(axes: number | readonly number[]) { return flip(this, axes); },
  split(sizes: number | readonly number[], axis?: number) { return split(this, sizes, axis); },
  chunk(chunks: number, axis?: number) { return chunk(this, chunks, axis); },
  clone() { return clone(this); },
  contiguous() { return this; },
  get(spec: IndexSpec) { return get(this, spec); },
  set(spec: IndexSpec, value: Tensor | number) { return set(this, spec, value); },
  gather(axis: number, index: Indices) { return gather(this, axis, index); },
  indexSelect(axis: number, indices: Indices) { return indexSelect(this, axis, indices); },
  maskedSelect(mask: Tensor) { return maskedSelect(this, mask); },
  matmul(other: Tensor) { return matmul(this, other); },
  mm(other: Tensor) { return mm(this, other); },
  mv(vector: Tensor) { return mv(this, vector); },
  dot(other: Tensor) { return dot(this, other); },
  softmax(axis?: number) { return softmax(this, axis); },
  logSoftmax(axis?: number) { return logSoftmax(this, axis); },
  crossEntropy(labels: Labels, options?: LossOptions) { return crossEntropy(this, labels, options); },
  backward(gradient?: Tensor, options?: BackwardOptions) { backward(this, gradient, options); },
  detach() { return this.alias(); },
  requiresGrad_(requiresGrad = true) {
    boolean('requiresGrad_', 'requiresGrad', requiresGrad);
    if (!this.isLeaf) throw new ValueError('requiresGrad_: only a leaf tensor can change requiresGrad (detach() this one first)');
    this.requiresGrad = requiresGrad;
    return this;
  },
  zeroGrad() {
    this.grad?.dispose();
    this.grad = null;
  },
  numel() { return this.size; },
  dim() { return this.rank; },
  to(backend: Backend) { return target(backend) === this.backend ? this : copyTo(this, backend, this.dataSync()); },
  async toAsync(backend: Backend) { return target(backend) === this.backend ? this : copyTo(this, backend, await this.data()); },
});

function target(backend: Backend): Backend {
  if (!backend || typeof backend !== 'object' || typeof backend.alloc !== 'function')
    throw new ValueError(`to: expected a backend, got ${describe(backend)}`);
  return backend;
}

/** The values as a new leaf on backend; it requires grad when x is a leaf that does (PyTorch's .to of a parameter). */
function copyTo(x: Tensor, backend: Backend, values: Float32Array): Tensor {
  const copy = tensor(values, x.shape, { backend });
  copy.requiresGrad = x.requiresGrad && x.isLeaf;
  return copy;
}

installGetters({
  T() { return reverseAxes(this); },
});
