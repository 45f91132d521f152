import { createWasmBackend, type WasmVariant } from '../bindings/wasm/wasm-backend.js';
import { describeKernelTable } from './backend-harness.js';

// Plain SIMD by default; test/wasm-relaxed.test.ts reruns this file with WEBGRAD_WASM_VARIANT=relaxed-simd.
const variant = (process.env.WEBGRAD_WASM_VARIANT ?? 'simd') as WasmVariant;
const backend = await createWasmBackend({ variant });

test(`the wasm backend runs the ${variant} build`, () => {
  expect(backend.variant).toBe(variant);
});

describeKernelTable(`wasm (${variant})`, () => backend);
