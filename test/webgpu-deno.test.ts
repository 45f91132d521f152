/** The WebGPU smoke checks in Deno 2 (built-in WebGPU), on the binary the `deno` npm package ships. */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeSmokeResult, type RuntimeOutcome } from './webgpu-smoke-assertions.js';
import { denoLauncher } from './deno-launcher.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');

async function runInDeno(): Promise<RuntimeOutcome> {
  const launcher = denoLauncher();
  if (!launcher) return { unavailable: "the 'deno' npm package is not installed" };
  const script = join(dist, 'test', 'deno', 'webgpu-smoke.js');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [launcher, 'run', '--no-config', '--no-lock', '--no-prompt', script],
      { cwd: dist, timeout: 120_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('SMOKE_RESULT '));
        if (line) resolve(JSON.parse(line.slice('SMOKE_RESULT '.length)) as RuntimeOutcome);
        else if (/Could not find (exe|executable)/.test(stderr))
          resolve({ unavailable: `the Deno binary is missing: ${stderr.trim()}` });
        else resolve({ error: `deno produced no result (${error?.message ?? 'exit 0'}): ${stderr.slice(-2000)}` });
      },
    );
  });
}

describeSmokeResult('WebGPU in Deno', await runInDeno());
