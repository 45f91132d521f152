/**
 * Tiny ONNX models built in code: a protobuf encoder for the few messages an inference graph
 * needs (ModelProto, GraphProto, NodeProto, AttributeProto, ValueInfoProto, TypeProto,
 * TensorShapeProto, OperatorSetIdProto), and the bench's graphs: Gemm with transA/transB
 * attributes for every matmul case and Softmax on the last axis. Field numbers are onnx.proto's.
 */
import type { MatmulCase } from '../cases.js';
import { operandShapes } from '../cases.js';

/** ONNX TensorProto.DataType codes. */
export const OnnxType = { float32: 1, int32: 6, int64: 7 } as const;
export type OnnxTypeName = keyof typeof OnnxType;

export interface OnnxValue {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type?: OnnxTypeName;
}

/** An attribute value: an integer (INT), a float (FLOAT, written with a fractional part or as `{ float }`) or integers (INTS). */
export type OnnxAttribute = number | { readonly float: number } | readonly number[];

export interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, OnnxAttribute>>;
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
  /** Default opset 17 (IR version 8). */
  readonly opset?: number;
}

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_BYTES = 2;

/** Protobuf bytes built field by field. */
class ProtoWriter {
  private readonly bytes: number[] = [];

  private varint(value: number | bigint): void {
    // int64 fields: negative values are written as their 64-bit two's complement (10 bytes)
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
  }

  private tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, value: number): this {
    if (!Number.isInteger(value)) throw new RangeError(`onnx: field ${field} needs an integer, got ${value}`);
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, value, true);
    for (let i = 0; i < 4; i++) this.bytes.push(view.getUint8(i));
    return this;
  }

  raw(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_BYTES);
    this.varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.raw(field, new TextEncoder().encode(value));
  }

  message(field: number, write: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    return this.raw(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, INTS: 7 } as const;

function writeAttribute(w: ProtoWriter, name: string, value: OnnxAttribute): void {
  w.string(1, name);
  if (typeof value === 'number' && Number.isInteger(value)) w.int(3, value).int(20, ATTRIBUTE_TYPE.INT);
  else if (typeof value === 'number') w.float(2, value).int(20, ATTRIBUTE_TYPE.FLOAT);
  else if ('float' in value) w.float(2, value.float).int(20, ATTRIBUTE_TYPE.FLOAT);
  else {
    for (const v of value) w.int(8, v);
    w.int(20, ATTRIBUTE_TYPE.INTS);
  }
}

function writeValueInfo(w: ProtoWriter, value: OnnxValue): void {
  w.string(1, value.name);
  w.message(2, (type) =>
    type.message(1, (tensorType) => {
      tensorType.int(1, OnnxType[value.type ?? 'float32']);
      tensorType.message(2, (shape) => {
        for (const d of value.dims) shape.message(1, (dim) => dim.int(1, d));
      });
    }));
}

function writeNode(w: ProtoWriter, node: OnnxNode, index: number): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, `${node.op.toLowerCase()}_${index}`);
  w.string(4, node.op);
  for (const [name, value] of Object.entries(node.attributes ?? {})) w.message(5, (a) => writeAttribute(a, name, value));
}

/** The serialized ModelProto of a one-graph model in the default ONNX domain. */
export function encodeOnnxModel(graph: OnnxGraph): Uint8Array {
  const opset = graph.opset ?? 17;
  return new ProtoWriter()
    .int(1, 8) // ir_version 8: opsets up to 18
    .string(2, 'webgrad-bench')
    .message(7, (g) => {
      graph.nodes.forEach((node, i) => g.message(1, (n) => writeNode(n, node, i)));
      g.string(2, graph.name);
      for (const input of graph.inputs) g.message(11, (v) => writeValueInfo(v, input));
      for (const output of graph.outputs) g.message(12, (v) => writeValueInfo(v, output));
    })
    .message(8, (o) => o.string(1, '').int(2, opset))
    .finish();
}

/**
 * C = op(A)·op(B) as one Gemm node with transA / transB (what torch.onnx writes for a Linear layer,
 * and what an ONNX user writes for Aᵀ·B): inputs A and B in their stored shapes, output C [m, n].
 */
export function matmulGraph(c: MatmulCase): OnnxGraph {
  const { a, b } = operandShapes(c);
  return {
    name: `gemm_${c.id}`,
    nodes: [{ op: 'Gemm', inputs: ['A', 'B'], outputs: ['C'], attributes: { transA: c.transA ? 1 : 0, transB: c.transB ? 1 : 0 } }],
    inputs: [{ name: 'A', dims: a }, { name: 'B', dims: b }],
    outputs: [{ name: 'C', dims: [c.m, c.n] }],
  };
}

/** Y = Softmax(X) over the last axis (opset 13 semantics). */
export function softmaxGraph(rows: number, cols: number): OnnxGraph {
  return {
    name: `softmax_${rows}x${cols}`,
    nodes: [{ op: 'Softmax', inputs: ['X'], outputs: ['Y'], attributes: { axis: -1 } }],
    inputs: [{ name: 'X', dims: [rows, cols] }],
    outputs: [{ name: 'Y', dims: [rows, cols] }],
  };
}
