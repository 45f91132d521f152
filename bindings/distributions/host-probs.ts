/** Probabilities read onto the host from a tensor (or nested arrays of numbers) for sampling there. */
import type { Backend } from '../backend.js';
import { BackendError, ShapeError, ValueError } from '../errors.js';
import { tensorArgument } from '../kernels/launch.js';
import { Random } from '../random.js';
import { formatShape } from '../shape.js';
import { defaultBackend, Tensor } from '../tensor.js';
import { flattenNested, nestedShape } from '../tensor/host.js';
import { defaultRandomSource } from '../init/random.js';
import { describe, integer } from '../validate.js';

export interface HostProbs {
  values: Float32Array;
  shape: readonly number[];
  /** Where the samples go: the tensor's backend, or the default backend for arrays. */
  backend: Backend;
}

/** probs as host values; a tensor must read synchronously (cpu, wasm), as torch's sampling reads on its device. */
export function hostProbs(fn: string, probs: unknown, { minRank, maxRank }: { minRank: number; maxRank: number }): HostProbs {
  let read: HostProbs;
  if (probs instanceof Tensor) {
    tensorArgument(fn, 'probs', probs);
    if (!probs.backend.readSync)
      throw new BackendError(`${fn}: probs is on the ${probs.backend.name} backend, which reads asynchronously; pass await probs.array() instead`);
    read = { values: probs.dataSync(), shape: probs.shape, backend: probs.backend };
  } else if (Array.isArray(probs) || ArrayBuffer.isView(probs)) {
    const shape = nestedShape(fn, probs);
    read = { values: flattenNested(fn, probs, shape), shape, backend: defaultBackend() };
  } else {
    throw new ValueError(`${fn}: probs must be a Tensor or an array of numbers, got ${describe(probs)}`);
  }
  const rank = read.shape.length;
  if (rank < minRank || rank > maxRank) {
    const ranks = minRank === maxRank ? `${minRank}-D` : maxRank === Infinity ? `at least ${minRank}-D` : `${minRank}-D or ${maxRank}-D`;
    throw new ShapeError(`${fn}: probs must be ${ranks}, got shape ${formatShape(read.shape)}`);
  }
  if (read.shape[rank - 1] === 0) throw new ShapeError(`${fn}: probs has no categories (shape ${formatShape(read.shape)})`);
  return read;
}

/** A generator option: a Random, a seed for a fresh one, or absent (the default source manualSeed() seeds). */
export function generatorFrom(fn: string, generator: unknown): Random {
  if (generator === undefined) return defaultRandomSource();
  if (generator instanceof Random) return generator;
  if (typeof generator === 'number') return new Random(integer(fn, 'generator', generator, { min: 0 }));
  throw new ValueError(`${fn}: generator must be a Random or a seed, got ${describe(generator)}`);
}
