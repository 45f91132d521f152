/** Finite-difference gradient checks of the tensor API: indexing, shape ops, selections, reductions, losses. */
import * as wg from '../bindings/index.js';
import { tensor } from '../bindings/index.js';
import { describeGradcheck, type GradCase } from './gradcheck-harness.js';

const CASES: GradCase[] = [
  // indexing
  { name: "get '-1'", inputs: [{ shape: [3, 4] }], f: (a) => a.get('-1') },
  { name: "get '1:3, ::-2'", inputs: [{ shape: [4, 5] }], f: (a) => a.get('1:3, ::-2') },
  { name: "get '..., None, 0'", inputs: [{ shape: [2, 3, 2] }], f: (a) => a.get('..., None, 0') },
  { name: 'get, the same element twice', inputs: [{ shape: [3] }], f: (a) => wg.cat([a.get('0:1'), a.get('0:1'), a]) },
  {
    name: 'set into a non-leaf: old values and value',
    inputs: [{ shape: [4, 3] }, { shape: [3] }],
    f: (a, v) => a.mul(2).set('1:3', v.exp()),
  },
  { name: 'add_ on a non-leaf', inputs: [{ shape: [2, 3] }, { shape: [3] }], f: (a, b) => a.mul(1).add_(b).mul(a) },
  { name: 'gather along axis 1', inputs: [{ shape: [3, 4] }], f: (a) => wg.gather(a, 1, tensor([[0, 3], [1, 1], [2, 0]], { backend: a.backend })) },
  { name: 'gather, index smaller than x', inputs: [{ shape: [3, 4] }], f: (a) => wg.gather(a, 0, tensor([[2, 0]], { backend: a.backend })) },
  { name: 'indexSelect with repeats', inputs: [{ shape: [4, 2] }], f: (a) => wg.indexSelect(a, 0, [3, 0, 3]) },
  { name: 'maskedSelect', inputs: [{ shape: [2, 3] }], f: (a) => (a.backend.readSync ? a.maskedSelect(tensor([[1, 0, 1], [0, 1, 1]], { backend: a.backend })) : a.mul(1)) },
  // shape ops
  { name: 'transpose', inputs: [{ shape: [2, 3, 4] }], f: (a) => wg.transpose(a, 0, -1) },
  { name: 'T', inputs: [{ shape: [3, 2] }], f: (a) => a.T },
  { name: 'permute', inputs: [{ shape: [2, 3, 4] }], f: (a) => a.permute([1, 2, 0]) },
  { name: 'flip', inputs: [{ shape: [3, 4] }], f: (a) => a.flip([0, -1]) },
  { name: 'squeeze and unsqueeze', inputs: [{ shape: [3, 1, 2] }], f: (a) => a.squeeze().unsqueeze(0).mul(a.squeeze(1)) },
  { name: 'expand', inputs: [{ shape: [3, 1] }], f: (a) => a.expand([2, 3, 4]) },
  { name: 'cat along axis 1', inputs: [{ shape: [2, 3] }, { shape: [2, 1] }], f: (a, b) => wg.cat([a, b, a], 1) },
  { name: 'stack along axis -1', inputs: [{ shape: [2, 3] }, { shape: [2, 3] }], f: (a, b) => wg.stack([a, b], -1) },
  { name: 'split and chunk', inputs: [{ shape: [5, 2] }], f: (a) => { const [p, q] = a.split([2, 3]); const [r] = a.chunk(3); return wg.cat([q, p.mul(r)]); } },
  { name: 'clone', inputs: [{ shape: [3] }], f: (a) => a.clone().mul(a) },
  // matrix products
  { name: 'batched matmul with broadcast batches', inputs: [{ shape: [2, 1, 3, 2] }, { shape: [4, 2, 3] }], f: (a, b) => wg.matmul(a, b) },
  { name: 'matmul 1-d·1-d (dot)', inputs: [{ shape: [4] }, { shape: [4] }], f: (a, b) => wg.matmul(a, b) },
  { name: 'mv', inputs: [{ shape: [3, 4] }, { shape: [4] }], f: (a, x) => wg.mv(a, x) },
  { name: 'mm', inputs: [{ shape: [2, 3] }, { shape: [3, 2] }], f: (a, b) => wg.mm(a, b) },
  // elementwise selections
  { name: 'maximum with broadcasting', inputs: [{ shape: [2, 3] }, { shape: [3] }], f: (a, b) => wg.maximum(a, b) },
  { name: 'minimum with a number', inputs: [{ shape: [4] }], f: (a) => wg.minimum(a, 0.2) },
  { name: 'where', inputs: [{ shape: [2, 3] }, { shape: [3] }], f: (a, b) => wg.where(a.gt(0), a.exp(), b) },
  { name: 'pow with a tensor exponent', inputs: [{ shape: [2, 3], range: [0.5, 2] }, { shape: [3] }], f: (a, b) => wg.pow(a, b) },
  { name: 'pow of a number', inputs: [{ shape: [3] }], f: (a) => wg.pow(2, a) },
  { name: 'clamp', inputs: [{ shape: [2, 3], range: [-2, 2], kinks: [-1, 0.5] }], f: (a) => a.clamp(-1, 0.5) },
  { name: 'abs', inputs: [{ shape: [3], kinks: [0] }], f: (a) => a.abs() },
  { name: 'x / 3 (one rounding)', inputs: [{ shape: [3] }], f: (a) => a.div(3) },
  // reductions
  { name: 'max over an axis', inputs: [{ shape: [3, 4] }], f: (a) => a.max(1) },
  { name: 'min of everything', inputs: [{ shape: [2, 3] }], f: (a) => a.min() },
  { name: 'prod over an axis', inputs: [{ shape: [2, 3], range: [0.5, 1.5] }], f: (a) => a.prod(-1, true) },
  { name: 'prod with a zero', inputs: [{ shape: [3] }], f: (a) => a.mul(tensor([1, 0, 1], { backend: a.backend })).prod() },
  { name: 'cumsum', inputs: [{ shape: [2, 4] }], f: (a) => a.cumsum(1) },
  { name: 'cumsum along axis 0', inputs: [{ shape: [3, 2] }], f: (a) => a.cumsum(0) },
  { name: 'var (unbiased)', inputs: [{ shape: [2, 4] }], f: (a) => a.var(1) },
  { name: 'std of everything', inputs: [{ shape: [3, 2] }], f: (a) => a.std() },
  { name: 'norm p=2', inputs: [{ shape: [2, 3] }], f: (a) => a.norm() },
  { name: 'norm p=1 along an axis', inputs: [{ shape: [2, 3], kinks: [0] }], f: (a) => a.norm(1, 1) },
  { name: 'norm p=3', inputs: [{ shape: [4], range: [0.2, 1] }], f: (a) => a.norm(3) },
  { name: 'norm p=Infinity', inputs: [{ shape: [4] }], f: (a) => a.norm(Infinity) },
  { name: 'logSumExp along an axis', inputs: [{ shape: [2, 3], range: [-3, 3] }], f: (a) => a.logSumExp(1) },
  { name: 'softmax along axis 0', inputs: [{ shape: [3, 2] }], f: (a) => a.softmax(0) },
  // losses
  { name: 'l1Loss', inputs: [{ shape: [2, 3] }, { shape: [2, 3], grad: false }], f: (p, y) => wg.l1Loss(p, y.mul(0.1)) },
  { name: 'crossEntropy with labels in a tensor', inputs: [{ shape: [3, 4] }], f: (a) => wg.crossEntropy(a, tensor([3, 0, 1], { backend: a.backend })) },
];

describeGradcheck('tensor API gradient check', CASES);
