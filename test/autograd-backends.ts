/** The backends every autograd, nn and optim test runs on; adding a backend here adds it everywhere. */
import type { Backend } from '../bindings/backend.js';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';

export const AUTOGRAD_BACKENDS: [name: string, create: () => Promise<Backend>][] = [
  ['cpu', async () => new CpuBackend()],
];
