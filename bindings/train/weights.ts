/**
 * Model weights as safetensors bytes, by parameter name (PyTorch's state_dict names such as
 * `0.weight`, `0.bias`, `2.weight` for a Sequential), so torch / safetensors can load them.
 */
import { ShapeError, ValueError } from '../errors.js';
import { formatShape, sameShape } from '../shape.js';
import { describe, options as checkOptions } from '../validate.js';
import { tensorArgument } from '../kernels/launch.js';
import type { Tensor } from '../tensor.js';
import { decodeSafetensors, encodeSafetensors, type SafetensorsInput } from './safetensors.js';

export type NamedTensors = Iterable<readonly [string, Tensor]> | Record<string, Tensor>;

function entries(named: NamedTensors): [string, Tensor][] {
  if (!named || typeof named !== 'object') throw new ValueError(`weights: expected named tensors (an object or [name, tensor] pairs), got ${describe(named)}`);
  if (!(Symbol.iterator in named)) return Object.entries(named);
  return [...(named as Iterable<unknown>)].map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string')
      throw new ValueError(`weights: entry ${i} must be a [name, tensor] pair, got ${describe(pair)}`);
    return [pair[0], pair[1] as Tensor];
  });
}

/** Reads every tensor (one await each) and encodes them as F32 safetensors. */
export async function encodeWeights(named: NamedTensors, metadata: Record<string, string> = {}): Promise<Uint8Array> {
  const list: [string, SafetensorsInput][] = [];
  for (const [name, t] of entries(named)) {
    tensorArgument('encodeWeights', `tensor '${name}'`, t);
    list.push([name, { shape: t.shape, data: await t.data() }]);
  }
  return encodeSafetensors(list, { format: 'pt', ...metadata });
}

export interface LoadWeightsOptions {
  /** Refuse files that lack a parameter or hold a name the model does not have (default true). */
  strict?: boolean;
}

/** Writes the tensors of a safetensors buffer into the named parameters (same names and shapes). */
export function loadWeights(bytes: Uint8Array, named: NamedTensors, options: LoadWeightsOptions = {}): Record<string, string> {
  const { strict = true } = checkOptions('loadWeights', options, ['strict']);
  const { tensors, metadata } = decodeSafetensors(bytes);
  const targets = entries(named);
  const wanted = new Set(targets.map(([name]) => name));
  if (strict) {
    const missing = targets.filter(([name]) => !tensors.has(name)).map(([name]) => name);
    const unexpected = [...tensors.keys()].filter((name) => !wanted.has(name));
    if (missing.length || unexpected.length)
      throw new ValueError(
        `weights do not match the model: ` +
          [missing.length ? `missing ${missing.join(', ')}` : '', unexpected.length ? `unexpected ${unexpected.join(', ')}` : '']
            .filter(Boolean).join('; '),
      );
  }
  // Check everything before writing anything, so a bad file leaves the model untouched.
  const writes: [Tensor, Float32Array][] = [];
  for (const [name, target] of targets) {
    const source = tensors.get(name);
    if (!source) continue;
    if (source.dtype !== 'F32') throw new ValueError(`weight '${name}' has dtype ${source.dtype}, expected F32`);
    if (!sameShape(source.shape, target.shape))
      throw new ShapeError(`weight '${name}' has shape ${formatShape(source.shape)}, the model's is ${formatShape(target.shape)}`);
    writes.push([target, source.data as Float32Array]);
  }
  for (const [target, data] of writes) target.backend.write(target.storage, data);
  return metadata;
}
