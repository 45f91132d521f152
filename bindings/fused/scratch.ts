import type { Backend, Storage } from '../backend.js';

/** Runs fn with temporary storages of the given lengths on backend, freeing them afterwards. */
export function withScratch<T>(backend: Backend, lengths: readonly number[], fn: (...storages: Storage[]) => T): T {
  const storages: Storage[] = [];
  try {
    for (const length of lengths) storages.push(backend.alloc(length));
    return fn(...storages);
  } finally {
    for (const s of storages) backend.free(s);
  }
}
