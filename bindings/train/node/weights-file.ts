/** Saving and loading weights as .safetensors files (Node only). */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { encodeWeights, loadWeights, type LoadWeightsOptions, type NamedTensors } from '../weights.js';

export async function saveWeightsFile(path: string, named: NamedTensors, metadata: Record<string, string> = {}): Promise<void> {
  const bytes = await encodeWeights(named, metadata);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}

/** Loads weights into the named tensors; returns the file's metadata. */
export async function loadWeightsFile(
  path: string, named: NamedTensors, options: LoadWeightsOptions = {},
): Promise<Record<string, string>> {
  return loadWeights(new Uint8Array(await readFile(path)), named, options);
}
