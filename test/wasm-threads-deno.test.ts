/** The threaded wasm checks (test/browser/wasm-threads-checks.ts) in Deno 2, on the `deno` npm package's binary. */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ThreadChecksResult } from './browser/wasm-threads-checks.js';
import { denoLauncher } from './deno-launcher.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');

type Outcome = ThreadChecksResult | { error: string } | { unavailable: string };

async function runInDeno(): Promise<Outcome> {
  const launcher = denoLauncher();
  if (!launcher) return { unavailable: "the 'deno' npm package is not installed" };
  const script = join(dist, 'test', 'deno', 'wasm-threads.js');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [launcher, 'run', '--no-config', '--no-lock', '--no-prompt', script],
      { cwd: dist, timeout: 300_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('THREADS_RESULT '));
        if (line) resolve(JSON.parse(line.slice('THREADS_RESULT '.length)) as Outcome);
        else if (/Could not find (exe|executable)/.test(stderr)) resolve({ unavailable: `the Deno binary is missing: ${stderr.trim()}` });
        else resolve({ error: `deno produced no result (${error?.message ?? 'exit 0'}): ${stderr.slice(-2000)}` });
      },
    );
  });
}

const outcome = await runInDeno();

describe('the wasm backend on worker threads in Deno', () => {
  if ('unavailable' in outcome) {
    test.skip(`skipped: ${outcome.unavailable}`, () => undefined);
    return;
  }
  test('the checks ran', () => {
    expect(outcome).not.toHaveProperty('error');
  });
  if ('error' in outcome) return;
  test('the backends run 3 threads, blocking in Atomics.wait, on the plain and the relaxed SIMD builds', () => {
    expect(outcome.canBlock).toBe(true);
    expect(outcome.runs.map((run) => [run.variant, run.threads, run.fallbackReason])).toEqual([
      ['simd', 3, null], ['relaxed-simd', 3, null],
    ]);
  });
  test('every kernel-table case is within tolerance of the reference and identical to one thread', () => {
    expect(outcome.cases).toBeGreaterThan(100);
    for (const run of outcome.runs) {
      expect(run.referenceFailures).toEqual([]);
      expect(run.differences).toEqual([]);
    }
  });
});
