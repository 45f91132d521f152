import type { Backend, Storage } from '../backend.js';

/**
 * A storage shared by the tensors that view the same data (reshape, detach, saved views), freed with
 * its last view. `version` counts in-place writes, so that a graph that saved the data can tell it
 * was overwritten (PyTorch's version counter).
 */
export class SharedStorage {
  private refs = 1;
  version = 0;

  constructor(readonly backend: Backend, readonly storage: Storage) {}

  retain(): this {
    this.refs++;
    return this;
  }

  release(): void {
    if (--this.refs === 0 && !this.backend.disposed) this.backend.free(this.storage);
  }
}
