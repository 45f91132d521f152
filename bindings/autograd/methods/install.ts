import { Tensor } from '../../tensor.js';

/** Installs functions as Tensor methods (the tensor is `this`); non-enumerable, as class methods are. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function installMethods(methods: ThisType<Tensor> & Record<string, (...args: any[]) => unknown>): void {
  for (const [name, fn] of Object.entries(methods))
    Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true });
}

/** Installs getters as Tensor properties (x.T). */
export function installGetters(getters: ThisType<Tensor> & Record<string, () => unknown>): void {
  for (const [name, get] of Object.entries(getters)) Object.defineProperty(Tensor.prototype, name, { get, configurable: true });
}
