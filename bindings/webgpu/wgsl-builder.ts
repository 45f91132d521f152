/**
 * WGSL modules from kernel declarations (kernel-specs.ts): specialisation constants, the Params struct
 * and binding declarations, the op-table functions the kernel calls, then the kernel's sources. Also
 * packs a kernel's uniform values by the same declaration.
 */
import { BackendError } from '../errors.js';
import { BINARY_ROWS, REDUCE_OPS, REDUCE_ROWS, UNARY_ROWS, type BinaryOp, type UnaryOp } from '../op-table/index.js';
import type { KernelSpec, ParamType } from './kernel-specs.js';
import { WGSL } from './wgsl.generated.js';

export type Constants = Readonly<Record<string, number | boolean>>;
export type ParamValues = Readonly<Record<string, number | readonly number[]>>;

interface Field {
  readonly name: string;
  readonly type: ParamType;
  readonly offset: number;
}

interface ParamLayout {
  readonly fields: readonly Field[];
  /** Bytes, a multiple of 16. */
  readonly size: number;
}

const WGSL_TYPES: Record<ParamType, string> = {
  u32: 'u32', i32: 'i32', f32: 'f32', u32x8: 'array<vec4<u32>, 2>', i32x8: 'array<vec4<i32>, 2>',
};

const layouts = new WeakMap<KernelSpec, ParamLayout>();

/** Uniform layout: scalars 4-byte aligned, the two-vec4 arrays 16-byte aligned (WGSL's uniform rules). */
export function paramLayout(spec: KernelSpec): ParamLayout {
  let layout = layouts.get(spec);
  if (layout) return layout;
  const fields: Field[] = [];
  let offset = 0;
  for (const [name, type] of Object.entries(spec.params)) {
    const array = type.endsWith('x8');
    if (array) offset = Math.ceil(offset / 16) * 16;
    fields.push({ name, type, offset });
    offset += array ? 32 : 4;
  }
  layout = { fields, size: Math.max(16, Math.ceil(offset / 16) * 16) };
  layouts.set(spec, layout);
  return layout;
}

/** The uniform bytes of a kernel: every declared parameter, by name (arrays padded with zeros). */
export function packParams(spec: KernelSpec, values: ParamValues): Uint32Array {
  const { fields, size } = paramLayout(spec);
  const words = new Uint32Array(size / 4);
  const floats = new Float32Array(words.buffer), ints = new Int32Array(words.buffer);
  for (const { name, type, offset } of fields) {
    const value = values[name];
    if (value === undefined) throw new BackendError(`kernel ${spec.entryPoint}: no value for parameter '${name}'`);
    const at = offset / 4;
    if (type === 'f32') floats[at] = value as number;
    else if (type === 'u32') words[at] = value as number;
    else if (type === 'i32') ints[at] = value as number;
    else {
      const list = value as readonly number[];
      if (list.length > 8) throw new BackendError(`kernel ${spec.entryPoint}: parameter '${name}' holds ${list.length} > 8 values`);
      if (type === 'u32x8') words.set(list, at);
      else ints.set(list, at);
    }
  }
  return words;
}

function constantDeclaration(name: string, value: number | boolean): string {
  if (typeof value === 'boolean') return `const ${name}: bool = ${value};`;
  if (!Number.isInteger(value) || value < 0) throw new BackendError(`specialisation ${name}=${value} is not a u32`);
  return `const ${name}: u32 = ${value}u;`;
}

/** Binds a binary row's a and b to the names its expressions use. */
function aliases(names: readonly [string, string] | undefined): string {
  const [a, b] = names ?? ['a', 'b'];
  return (a === 'a' ? '' : `let ${a} = a; `) + (b === 'b' ? '' : `let ${b} = b; `);
}

/** The expression, or NaN where an input is NaN unless the row treats NaN itself (see Expressions.nan). */
function nanGuard(expression: string, nan: 'exact' | undefined, anyNaN: string): string {
  return nan === 'exact' ? expression : `select(${expression}, nan_f32(), ${anyNaN})`;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).toUpperCase();

function reduceFunctions(): string {
  const constants = REDUCE_OPS.map((op, code) => `const REDUCE_${snake(op)}: u32 = ${code}u;`);
  const cases = (body: (op: (typeof REDUCE_OPS)[number]) => string) =>
    REDUCE_OPS.map((op, code) => `    case ${code}u: { return ${body(op)}; }`).join('\n');
  return [
    ...constants,
    `fn reduce_combine(op: u32, a: f32, b: f32) -> f32 {\n  switch op {\n${cases((op) => REDUCE_ROWS[op].wgsl)}\n    default: { return a; }\n  }\n}`,
    `fn reduce_init(op: u32) -> f32 {\n  switch op {\n${cases((op) => REDUCE_ROWS[op].init.wgsl)}\n    default: { return 0.0; }\n  }\n}`,
  ].join('\n');
}

/** The op-table function a kernel calls: unary_op / binary_op for `op`, or the reductions' switch. */
function tableFunctions(spec: KernelSpec, op: string | undefined): string {
  switch (spec.table) {
    case 'unary': {
      const row = UNARY_ROWS[op as UnaryOp];
      return `fn unary_op(x: f32, alpha: f32, beta: f32) -> f32 { return ${nanGuard(row.wgsl, row.nan, 'is_nan(x)')}; }`;
    }
    case 'binary': {
      const row = BINARY_ROWS[op as BinaryOp];
      const body = nanGuard(row.wgsl, row.nan, 'is_nan(a) || is_nan(b)');
      return `fn binary_op(a: f32, b: f32, alpha: f32, beta: f32) -> f32 { ${aliases(row.names)}return ${body}; }`;
    }
    case 'reduce':
      return reduceFunctions();
    default:
      return '';
  }
}

/** The full WGSL module of a kernel specialised by constants (and its op, for unary and binary kernels). */
export function moduleSource(spec: KernelSpec, constants: Constants, op?: string): string {
  const { fields } = paramLayout(spec);
  const struct = `struct Params {\n${fields.map((f) => `  ${f.name}: ${WGSL_TYPES[f.type]},`).join('\n')}\n}`;
  const bindings = spec.bindings.map(({ name, writes, element }, i) =>
    `@group(0) @binding(${i + 1}) var<storage, ${writes ? 'read_write' : 'read'}> ${name}: array<${element ?? 'f32'}>;`);
  const sources = spec.sources.map((name) => {
    const source = WGSL[name];
    if (source === undefined) throw new BackendError(`no WGSL source named '${name}' is embedded`);
    return source;
  });
  return [
    ...Object.entries(constants).map(([name, value]) => constantDeclaration(name, value)),
    struct,
    '@group(0) @binding(0) var<uniform> params: Params;',
    ...bindings,
    tableFunctions(spec, op),
    ...sources,
  ].join('\n');
}
