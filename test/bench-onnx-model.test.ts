/**
 * The bench's hand-encoded ONNX models: the protobuf bytes are what onnx.proto says, and
 * onnxruntime-web loads the Gemm (every transA / transB) and Softmax graphs and computes what
 * they mean.
 */
import { matmul, operandShapes } from '../bench/cases.js';
import { uniformArray } from '../bench/inputs.js';
import { encodeOnnxModel, matmulGraph, softmaxGraph } from '../bench/subjects/onnx-model.js';

type Ort = typeof import('onnxruntime-web');

async function loadOrt(): Promise<Ort | string> {
  try {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
    return ort;
  } catch (error) {
    return `onnxruntime-web did not load: ${(error as Error).message}`;
  }
}

const ort = await loadOrt();

describe('encodeOnnxModel', () => {
  test('writes ModelProto fields: ir_version 8, the graph, and the default-domain opset', () => {
    const bytes = encodeOnnxModel({ name: 'g', nodes: [], inputs: [], outputs: [], opset: 13 });
    // ir_version (1, varint) = 8; producer_name (2); graph (7) holding name (2) = "g"; opset_import (8): domain "" and version 13
    expect([...bytes.subarray(0, 2)]).toEqual([0x08, 8]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('webgrad-bench');
    expect([...bytes.subarray(bytes.length - 6)]).toEqual([0x42, 4, 0x0a, 0, 0x10, 13]);
  });

  test('writes a negative integer attribute as a ten-byte varint (Softmax axis −1)', () => {
    const bytes = encodeOnnxModel(softmaxGraph(2, 3));
    const tenBytes = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    const at = bytes.findIndex((_, i) => tenBytes.every((b, j) => bytes[i + j] === b));
    expect(at).toBeGreaterThan(0);
    expect(bytes[at - 1]).toBe(0x18); // AttributeProto.i: field 3, varint
  });

  test('rejects a non-integer where the field is an integer', () => {
    expect(() => encodeOnnxModel({ name: 'g', nodes: [], inputs: [{ name: 'x', dims: [1.5] }], outputs: [] })).toThrow(RangeError);
  });
});

// onnxruntime-web is a dev dependency: missing under CI is a failure, elsewhere the cases are skipped with the reason
if (typeof ort === 'string') {
  if (process.env.CI) test('onnxruntime-web is installed under CI', () => { throw new Error(ort); });
  else console.warn(`skipping the onnxruntime-web cases: ${ort}`);
}
const describeOrt = typeof ort === 'string' ? describe.skip : describe;

describeOrt('onnxruntime-web runs the bench graphs', () => {
  const runtime = ort as Ort;

  test.each([
    [false, false], [true, false], [false, true], [true, true],
  ])('Gemm with transA %s, transB %s equals op(A)·op(B)', async (transA, transB) => {
    const c = matmul('t', 't', 5, 3, 4, transA, transB);
    const { a: aShape, b: bShape } = operandShapes(c);
    const a = uniformArray(aShape[0] * aShape[1], 21);
    const b = uniformArray(bShape[0] * bShape[1], 22);
    const session = await runtime.InferenceSession.create(encodeOnnxModel(matmulGraph(c)));
    const out = await session.run({ A: new runtime.Tensor('float32', a, aShape), B: new runtime.Tensor('float32', b, bShape) });
    await session.release();
    expect(out.C.dims).toEqual([5, 3]);
    const y = out.C.data as Float32Array;
    for (let i = 0; i < c.m; i++)
      for (let j = 0; j < c.n; j++) {
        let exact = 0;
        for (let p = 0; p < c.k; p++)
          exact += (transA ? a[p * c.m + i] : a[i * c.k + p]) * (transB ? b[j * c.k + p] : b[p * c.n + j]);
        expect(y[i * c.n + j]).toBeCloseTo(exact, 5);
      }
  });

  test('Softmax normalises each row over the last axis', async () => {
    const x = Float32Array.from([1, 2, 3, 0, 0, 0]);
    const session = await runtime.InferenceSession.create(encodeOnnxModel(softmaxGraph(2, 3)));
    const out = await session.run({ X: new runtime.Tensor('float32', x, [2, 3]) });
    await session.release();
    const e = [1, 2, 3].map((v) => Math.exp(v - 3));
    const sum = e.reduce((s, v) => s + v, 0);
    const expected = [...e.map((v) => v / sum), 1 / 3, 1 / 3, 1 / 3];
    [...(out.Y.data as Float32Array)].forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });
});
