/** Runs a d2l section's code as the book writes it: tensors made without a backend land on the example's. */
import { defaultBackend, setDefaultBackend, tidy } from '../bindings/index.js';
import { withBackend, type ExampleOptions } from './common.js';

/**
 * Runs body with options.backend (or a fresh wasm backend) as the default backend, so that `arange(12)`
 * reads as `torch.arange(12)`; every tensor body makes is freed at the end (body returns plain values).
 */
export function runSection<T>(options: ExampleOptions, body: () => T): Promise<T> {
  return withBackend(options, async (backend) => {
    const previous = defaultBackend();
    setDefaultBackend(backend);
    try {
      return tidy(body);
    } finally {
      setDefaultBackend(previous);
    }
  });
}

/** A shape as PyTorch prints it: torch.Size([3, 4]). */
export const size = (shape: readonly number[]) => `torch.Size([${shape.join(', ')}])`;
