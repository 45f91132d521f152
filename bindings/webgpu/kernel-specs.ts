/**
 * One declaration per WGSL entry point: the kernels/*.wgsl sources it needs (dependencies first), its
 * uniform parameters in order, its storage bindings in binding order (binding 0 is the uniforms) with
 * the ones it writes, and the op-table functions it calls. The WGSL `Params` struct, the binding
 * declarations and the uniform packing all come from here (wgsl-builder.ts); no kernel file declares them.
 */

/** u32x8 / i32x8: up to eight dimensions or strides, as two vec4s. */
export type ParamType = 'u32' | 'i32' | 'f32' | 'u32x8' | 'i32x8';

export interface BindingSpec {
  readonly name: string;
  /** Written by the kernel (a read_write binding). */
  readonly writes?: boolean;
  /** Element type (default f32); matmul reads vec4s. */
  readonly element?: 'f32' | 'vec4<f32>';
}

/** Functions the builder generates from the op table for a kernel: its unary or binary op, or the reduction switch. */
export type TableFunctions = 'unary' | 'binary' | 'reduce';

export interface KernelSpec {
  readonly sources: readonly string[];
  readonly entryPoint: string;
  readonly params: Readonly<Record<string, ParamType>>;
  readonly bindings: readonly BindingSpec[];
  readonly table?: TableFunctions;
}

const ROWS = ['prelude', 'rows'];
const WALK = { n: 'u32', a_offset: 'u32', b_offset: 'u32', out_offset: 'u32', alpha: 'f32', beta: 'f32' } as const;
const reading = (...names: string[]): BindingSpec[] => names.map((name) => ({ name }));
const out: BindingSpec = { name: 'out', writes: true };
const axis = { outer: 'u32', length: 'u32', inner: 'u32' } as const;
const rowFamily = (source: string, bindings: BindingSpec[], params: Record<string, ParamType>, entryPoint: string): KernelSpec => ({
  sources: [...ROWS, 'row_stats', source], entryPoint, params: { rows: 'u32', cols: 'u32', ...params }, bindings, table: 'reduce',
});
const gatherFamily = (entryPoint: string): KernelSpec => ({
  sources: ['prelude', 'gather'], entryPoint,
  params: { ...axis, count: 'u32', s0: 'u32', s1: 'u32', s2: 'u32' },
  bindings: [...reading('source', 'index'), out],
});
const reduceFamily = (entryPoint: string): KernelSpec => ({
  sources: [...ROWS, 'reduce'], entryPoint, params: axis, bindings: [...reading('x'), out], table: 'reduce',
});
const matmulFamily = (entryPoint: string): KernelSpec => ({
  sources: ['prelude', 'matmul'], entryPoint,
  params: { m: 'u32', n: 'u32', k: 'u32', batch: 'u32', a_stride: 'u32', b_stride: 'u32' },
  bindings: [{ name: 'a', element: 'vec4<f32>' }, { name: 'b', element: 'vec4<f32>' }, { name: 'bias' }, { name: 'c', writes: true }],
});
const optimizer: KernelSpec = {
  sources: ['prelude', 'optim'], entryPoint: 'optimizer_update',
  params: {
    n: 'u32', lr: 'f32', weight_decay: 'f32', momentum: 'f32', beta1: 'f32', beta2: 'f32', eps: 'f32',
    bias_correction1: 'f32', bias_correction2: 'f32',
  },
  bindings: [{ name: 'param', writes: true }, { name: 'grad' }, { name: 'state1', writes: true }, { name: 'state2', writes: true }],
};

export const KERNELS = {
  fill: { sources: ['prelude', 'fill'], entryPoint: 'fill', params: { n: 'u32', value: 'f32' }, bindings: [out] },
  unary: {
    sources: ['prelude', 'unary'], entryPoint: 'unary', params: { n: 'u32', alpha: 'f32', beta: 'f32' },
    bindings: [...reading('x'), out], table: 'unary',
  },
  binary: {
    sources: ['prelude', 'strides', 'binary'], entryPoint: 'binary',
    params: { ...WALK, shape: 'u32x8', a_strides: 'i32x8', b_strides: 'i32x8' },
    bindings: [...reading('a', 'b'), out], table: 'binary',
  },
  stridedCopy: {
    sources: ['prelude', 'strides', 'strided_copy'], entryPoint: 'strided_copy',
    params: { n: 'u32', in_offset: 'u32', out_offset: 'u32', shape: 'u32x8', in_strides: 'i32x8', out_strides: 'i32x8' },
    bindings: [...reading('x'), out],
  },
  reduceRows: reduceFamily('reduce_rows'),
  reduceSerial: reduceFamily('reduce_serial'),
  argReduceRows: reduceFamily('arg_reduce_rows'),
  argReduceSerial: reduceFamily('arg_reduce_serial'),
  gather: gatherFamily('gather'),
  scatterAdd: gatherFamily('scatter_add'),
  matmulTiled: matmulFamily('matmul'),
  matmulDirect: matmulFamily('matmul_direct'),
  softmaxRows: rowFamily('softmax', [...reading('x'), out], {}, 'row_workgroup'),
  softmaxSerial: rowFamily('softmax', [...reading('x'), out], {}, 'row_serial'),
  crossEntropyRows: rowFamily('cross_entropy', crossEntropyBindings(), { grad_scale: 'f32' }, 'row_workgroup'),
  crossEntropySerial: rowFamily('cross_entropy', crossEntropyBindings(), { grad_scale: 'f32' }, 'row_serial'),
  dropout: {
    sources: ['prelude', 'philox', 'dropout'], entryPoint: 'dropout',
    params: { n: 'u32', threshold: 'u32', seed_lo: 'u32', seed_hi: 'u32', offset: 'u32', scale: 'f32' },
    bindings: [...reading('x'), out],
  },
  optimizer,
} satisfies Record<string, KernelSpec>;

function crossEntropyBindings(): BindingSpec[] {
  return [...reading('x', 'labels'), { name: 'loss', writes: true }, { name: 'grad', writes: true }];
}

export type KernelName = keyof typeof KERNELS;
