/** Deno entry of the threaded wasm checks: prints one THREADS_RESULT line of JSON. */
import { runWasmThreadChecks } from '../browser/wasm-threads-checks.js';

const result = await runWasmThreadChecks(3).catch((error: unknown) => ({ error: String(error) }));
console.log(`THREADS_RESULT ${JSON.stringify(result)}`);
