import { decodeSafetensors, encodeSafetensors } from '../bindings/train/safetensors.js';
import { ValueError } from '../bindings/errors.js';

function header(bytes: Uint8Array): { length: number; json: string } {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { length, json: new TextDecoder().decode(bytes.subarray(8, 8 + length)) };
}

/** Builds a file by hand: what the format says, byte by byte. */
function handMade(json: string, data: number[]): Uint8Array {
  const text = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + text.length + data.length);
  out[0] = text.length & 0xff;
  out[1] = text.length >> 8;
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

describe('safetensors', () => {
  test('the bytes of a one-tensor file, checked by hand', () => {
    const bytes = encodeSafetensors({ w: { shape: [2], data: new Float32Array([1, -2]) } });
    const json = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    const padded = Math.ceil(json.length / 8) * 8; // 56
    expect(padded).toBe(56);
    // u64 little-endian header length
    expect(Array.from(bytes.subarray(0, 8))).toEqual([56, 0, 0, 0, 0, 0, 0, 0]);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + 56))).toBe(json.padEnd(56, ' '));
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000, little-endian
    expect(Array.from(bytes.subarray(64))).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
    expect(bytes.length).toBe(72);
  });

  test('PyTorch-style names, metadata, round trip of values and shapes', () => {
    const weight = Float32Array.from({ length: 12 }, (_, i) => i / 7 - 0.5);
    const bias = new Float32Array([0.1, -0.2, 0.3]);
    const labels = new Uint8Array([3, 1, 4, 1, 5]);
    const bytes = encodeSafetensors(
      [['0.weight', { shape: [3, 4], data: weight }], ['0.bias', { shape: [3], data: bias }],
        ['labels', { shape: [5], data: labels }]],
      { format: 'pt', epochs: '10' },
    );
    const { length, json } = header(bytes);
    expect(length % 8).toBe(0);
    const parsed = JSON.parse(json);
    expect(parsed.__metadata__).toEqual({ format: 'pt', epochs: '10' });
    expect(parsed['0.weight']).toEqual({ dtype: 'F32', shape: [3, 4], data_offsets: [0, 48] });
    expect(parsed['0.bias']).toEqual({ dtype: 'F32', shape: [3], data_offsets: [48, 60] });
    expect(parsed.labels).toEqual({ dtype: 'U8', shape: [5], data_offsets: [60, 65] });

    const decoded = decodeSafetensors(bytes);
    expect([...decoded.tensors.keys()]).toEqual(['0.weight', '0.bias', 'labels']);
    expect(decoded.metadata).toEqual({ format: 'pt', epochs: '10' });
    expect(decoded.tensors.get('0.weight')).toEqual({ dtype: 'F32', shape: [3, 4], data: weight });
    expect(decoded.tensors.get('0.bias')!.data).toEqual(bias);
    expect(decoded.tensors.get('labels')!.data).toEqual(labels);
  });

  test('narrow dtypes are laid out after wide ones so every tensor stays aligned', () => {
    const bytes = encodeSafetensors([
      ['a', { shape: [3], data: new Uint8Array([1, 2, 3]) }],
      ['b', { shape: [1], data: new Float32Array([7]) }],
    ]);
    const parsed = JSON.parse(header(bytes).json);
    expect(parsed.b.data_offsets).toEqual([0, 4]);
    expect(parsed.a.data_offsets).toEqual([4, 7]);
    expect(decodeSafetensors(bytes).tensors.get('b')!.data).toEqual(new Float32Array([7]));
  });

  test('decodes a file written by hand (as another implementation would)', () => {
    const file = handMade(
      '{"__metadata__":{"k":"v"},"x":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},' +
        '"n":{"dtype":"I32","shape":[],"data_offsets":[4,8]}}',
      [0, 0, 0x40, 0x40, 0xff, 0xff, 0xff, 0xff],
    );
    const { tensors, metadata } = decodeSafetensors(file);
    expect(metadata).toEqual({ k: 'v' });
    expect(tensors.get('x')).toEqual({ dtype: 'F32', shape: [1, 1], data: new Float32Array([3]) });
    expect(tensors.get('n')!.data).toEqual(new Int32Array([-1]));
  });

  test('malformed files throw ValueError naming the problem', () => {
    expect(() => decodeSafetensors(new Uint8Array(4))).toThrow(/too short/);
    expect(() => decodeSafetensors(handMade('{"x":1', []))).toThrow(/JSON/);
    const bad = (json: string, data: number[], message: RegExp) => {
      expect(() => decodeSafetensors(handMade(json, data))).toThrow(ValueError);
      expect(() => decodeSafetensors(handMade(json, data))).toThrow(message);
    };
    bad('{"x":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]}}', [0, 0], /dtype/);
    bad('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0], /needs 8 bytes/);
    bad('{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,8]}}', [0, 0, 0, 0], /data_offsets/);
    bad('{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', [0, 0, 0, 0, 0, 0, 0, 0], /gap/);
    bad('{"x":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', [0, 0], /cover 1 of 2/);
    bad('{"__metadata__":{"k":1}}', [], /metadata/);
    const huge = new Uint8Array(16);
    huge[7] = 1;
    expect(() => decodeSafetensors(huge)).toThrow(/exceeds/);
  });

  test('bad input to encode', () => {
    expect(() => encodeSafetensors({ w: { shape: [3], data: new Float32Array(2) } })).toThrow(/does not fit shape/);
    expect(() => encodeSafetensors({ __metadata__: { shape: [1], data: new Float32Array(1) } })).toThrow(/invalid tensor name/);
    expect(() => encodeSafetensors({ w: { shape: [1], data: [1] as unknown as Float32Array } })).toThrow(ValueError);
  });
});
