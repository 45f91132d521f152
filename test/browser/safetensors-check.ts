/**
 * Reads a safetensors file the way the format's specification (and PyTorch's loaders) do, without
 * webgrad's decoder: u64 little-endian header size, JSON header, tensors back to back after it.
 */
export interface CheckedTensor {
  dtype: string;
  shape: number[];
  values: Float32Array;
}

export function readSafetensors(bytes: Uint8Array): { tensors: Map<string, CheckedTensor>; metadata: Record<string, string> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = Number(view.getBigUint64(0, true));
  if (8 + headerSize > bytes.length) throw new Error(`header size ${headerSize} exceeds the file (${bytes.length} bytes)`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerSize))) as Record<string, unknown>;
  const dataStart = 8 + headerSize;
  const { __metadata__: metadata = {}, ...entries } = header as { __metadata__?: Record<string, string> };
  const spans: [number, number][] = [];
  const tensors = new Map<string, CheckedTensor>();
  for (const [name, entry] of Object.entries(entries)) {
    const { dtype, shape, data_offsets: [begin, end] } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (dtype !== 'F32') throw new Error(`${name}: dtype ${dtype}`);
    const count = shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * 4) throw new Error(`${name}: ${end - begin} bytes for shape [${shape}]`);
    spans.push([begin, end]);
    const copy = bytes.slice(dataStart + begin, dataStart + end);
    tensors.set(name, { dtype, shape, values: new Float32Array(copy.buffer) });
  }
  spans.sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [begin, end] of spans) {
    if (begin !== at) throw new Error(`tensor data leave a gap or overlap at byte ${begin}`);
    at = end;
  }
  if (dataStart + at !== bytes.length) throw new Error(`the tensors end at byte ${dataStart + at}, the file at ${bytes.length}`);
  return { tensors, metadata };
}
