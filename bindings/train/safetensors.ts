/**
 * The safetensors format (huggingface/safetensors), as bytes in memory: an 8-byte little-endian
 * header length N, N bytes of JSON — {"name": {"dtype", "shape", "data_offsets": [begin, end]}, …,
 * "__metadata__": {string: string}} padded with spaces to a multiple of 8 — then the tensors' raw
 * little-endian bytes back to back. No file access here: node/ writes the bytes to disk.
 */
import { ValueError } from '../errors.js';
import { describe } from '../validate.js';
import { formatShape, shapeSize } from '../shape.js';

const DTYPES = {
  F64: Float64Array, F32: Float32Array, I32: Int32Array, U32: Uint32Array,
  I16: Int16Array, U16: Uint16Array, I8: Int8Array, U8: Uint8Array,
} as const;

export type SafetensorsDtype = keyof typeof DTYPES;
export type SafetensorsArray =
  | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

/** One tensor to encode: its shape and its data (whose array type gives the dtype). */
export interface SafetensorsInput {
  readonly shape: readonly number[];
  readonly data: SafetensorsArray;
}

export interface SafetensorsTensor {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly data: SafetensorsArray;
}

export interface SafetensorsFile {
  /** Tensors by name, in header order. */
  readonly tensors: Map<string, SafetensorsTensor>;
  readonly metadata: Record<string, string>;
}

/** Headers over this size are refused (as the reference implementation does). */
const MAX_HEADER_BYTES = 100_000_000;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function dtypeOf(data: SafetensorsArray): SafetensorsDtype {
  for (const [name, kind] of Object.entries(DTYPES)) if (data instanceof kind) return name as SafetensorsDtype;
  throw new ValueError(`safetensors: unsupported array type ${Object.prototype.toString.call(data)}`);
}

/** The bytes of a little-endian copy of data (a view when the host is little-endian). */
function littleEndianBytes(data: SafetensorsArray): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (LITTLE_ENDIAN || data.BYTES_PER_ELEMENT === 1) return bytes;
  const swapped = new Uint8Array(bytes.length);
  const width = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += width)
    for (let j = 0; j < width; j++) swapped[i + j] = bytes[i + width - 1 - j];
  return swapped;
}

/** Encodes named tensors (dtype taken from each array's type) and optional string metadata. */
export function encodeSafetensors(
  tensors: Iterable<readonly [string, SafetensorsInput]> | Record<string, SafetensorsInput>,
  metadata: Record<string, string> = {},
): Uint8Array {
  if (!tensors || typeof tensors !== 'object')
    throw new ValueError(`encodeSafetensors: tensors must be an object or [name, array] pairs, got ${describe(tensors)}`);
  const entries = Symbol.iterator in tensors ? [...tensors] : Object.entries(tensors);
  const names = new Set<string>();
  for (const entry of entries as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2) throw new ValueError(`safetensors: expected [name, { shape, data }] entries, got ${describe(entry)}`);
    const [name, array] = entry as [unknown, Partial<SafetensorsInput> | null];
    if (typeof name !== 'string' || name === '' || name === '__metadata__')
      throw new ValueError(`safetensors: invalid tensor name ${describe(name)}`);
    if (!array || typeof array !== 'object' || !Array.isArray(array.shape) || !ArrayBuffer.isView(array.data))
      throw new ValueError(`safetensors: tensor '${name}' must be { shape, data } with a typed array, got ${describe(array)}`);
    const { shape, data } = array as SafetensorsInput;
    if (names.has(name)) throw new ValueError(`safetensors: tensor name '${name}' appears twice`);
    names.add(name);
    if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0) || shapeSize(shape) !== data.length)
      throw new ValueError(
        `safetensors: tensor '${name}' has ${data.length} elements, which does not fit shape ${formatShape(shape)}`,
      );
    dtypeOf(data);
  }
  for (const [key, value] of Object.entries(metadata))
    if (typeof value !== 'string') throw new ValueError(`safetensors: metadata '${key}' must be a string`);

  // Wider types first keep every tensor aligned to its element size, as the reference writer does.
  const layout = entries
    .map(([name, t], i) => ({ name, t, i }))
    .sort((a, b) => b.t.data.BYTES_PER_ELEMENT - a.t.data.BYTES_PER_ELEMENT || a.i - b.i);
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const offsets = new Map<string, [number, number]>();
  let offset = 0;
  for (const { name, t } of layout) {
    offsets.set(name, [offset, offset + t.data.byteLength]);
    offset += t.data.byteLength;
  }
  for (const [name, t] of entries)
    header[name] = { dtype: dtypeOf(t.data), shape: [...t.shape], data_offsets: offsets.get(name) };

  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  for (const { name, t } of layout) out.set(littleEndianBytes(t.data), 8 + headerLength + offsets.get(name)![0]);
  return out;
}

function fail(message: string): never {
  throw new ValueError(`safetensors: ${message}`);
}

/**
 * Decodes and validates a safetensors buffer. Arrays are views into `bytes` where alignment
 * and endianness allow, copies otherwise.
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (!(bytes instanceof Uint8Array)) fail('expected a Uint8Array');
  if (bytes.length < 8) fail(`${bytes.length} bytes is too short for the 8-byte header length`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8)))
    fail(`header length ${headerLength} exceeds the ${bytes.length - 8} bytes that follow it`);
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (error) {
    fail(`header is not valid UTF-8 JSON (${(error as Error).message})`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) fail('header must be a JSON object');
  const dataLength = bytes.length - dataStart;
  const tensors = new Map<string, SafetensorsTensor>();
  const ranges: [number, number, string][] = [];
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) fail('__metadata__ must be an object');
      for (const [key, value] of Object.entries(entry))
        if (typeof value !== 'string') fail(`metadata '${key}' must be a string`);
      metadata = entry as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: span } = (entry ?? {}) as Record<string, unknown>;
    if (typeof dtype !== 'string' || !(dtype in DTYPES)) fail(`tensor '${name}' has unsupported dtype ${String(dtype)}`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      fail(`tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
    if (!Array.isArray(span) || span.length !== 2 || !span.every((o) => Number.isSafeInteger(o) && o >= 0) ||
      span[0] > span[1] || span[1] > dataLength)
      fail(`tensor '${name}' has invalid data_offsets ${JSON.stringify(span)} for ${dataLength} data bytes`);
    const kind = DTYPES[dtype as SafetensorsDtype];
    const count = shapeSize(shape);
    if (span[1] - span[0] !== count * kind.BYTES_PER_ELEMENT)
      fail(`tensor '${name}' of dtype ${dtype} and shape ${formatShape(shape)} needs ` +
        `${count * kind.BYTES_PER_ELEMENT} bytes, its data_offsets span ${span[1] - span[0]}`);
    ranges.push([span[0], span[1], name]);
    const at = bytes.byteOffset + dataStart + span[0];
    let data: SafetensorsArray;
    if (kind.BYTES_PER_ELEMENT === 1 || (LITTLE_ENDIAN && at % kind.BYTES_PER_ELEMENT === 0)) {
      data = new kind(bytes.buffer as ArrayBuffer, at, count);
    } else {
      const copy = bytes.slice(dataStart + span[0], dataStart + span[1]);
      if (!LITTLE_ENDIAN) {
        const w = kind.BYTES_PER_ELEMENT;
        for (let i = 0; i < copy.length; i += w) copy.subarray(i, i + w).reverse();
      }
      data = new kind(copy.buffer, 0, count);
    }
    tensors.set(name, { dtype: dtype as SafetensorsDtype, shape: [...shape], data });
  }
  // The data must be covered exactly: no gaps, no overlaps, nothing left over.
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let end = 0;
  for (const [begin, stop, name] of ranges) {
    if (begin !== end) fail(`tensor '${name}' starts at byte ${begin}, expected ${end} (gap or overlap)`);
    end = stop;
  }
  if (end !== dataLength) fail(`tensors cover ${end} of ${dataLength} data bytes`);
  return { tensors, metadata };
}
