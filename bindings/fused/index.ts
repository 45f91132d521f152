import type { Backend, FusedKernelName } from '../backend.js';
import { FUSED_DEFAULTS } from './defaults.js';

export { callFused, FUSED_DEFAULTS } from './defaults.js';

export const FUSED_KERNELS = Object.keys(FUSED_DEFAULTS) as readonly FusedKernelName[];

/** The fused kernels `backend` overrides. */
export function overriddenKernels(backend: Backend): FusedKernelName[] {
  return FUSED_KERNELS.filter((name) => typeof backend[name] === 'function');
}

/** The same backend with its fused kernels hidden, so that every one runs its default (for tests). */
export function withDefaultKernels(backend: Backend): Backend {
  return new Proxy(backend, {
    get(target, property, receiver) {
      if ((FUSED_KERNELS as readonly (string | symbol)[]).includes(property)) return undefined;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
