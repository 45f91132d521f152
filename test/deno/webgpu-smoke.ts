/**
 * Run by Deno (test/webgpu-deno.test.ts spawns it): the WebGPU smoke checks on Deno's built-in
 * WebGPU, printed as one JSON line.
 */
import { runSmokeChecks } from '../browser/smoke-checks.js';

const result = await runSmokeChecks().catch((error: Error) => ({ error: `${error.name}: ${error.message}` }));
console.log(`SMOKE_RESULT ${JSON.stringify(result)}`);
(globalThis as { Deno?: { exit(code: number): never } }).Deno?.exit(0);
