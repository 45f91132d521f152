/**
 * The Deno app (examples/deno): `deno task train` trains the MLP on a Fashion-MNIST subset, on WebGPU
 * when Deno has an adapter, else on wasm with the reason printed; the weights it writes are safetensors.
 * Deno is the binary of the `deno` npm package.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPOSITORY_ROOT, runsDir } from './browser/chromium.js';
import { readSafetensors } from './browser/safetensors-check.js';
import { denoLauncher } from './deno-launcher.js';

const APP = join(REPOSITORY_ROOT, 'examples', 'deno');

const launcher = denoLauncher();

function denoTask(args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [launcher!, 'task', ...args], {
      cwd: APP, timeout: 60_000, env: { ...process.env, NO_COLOR: '1', ...env },
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }));
  });
}

/** The per-epoch losses printed by the app. */
const losses = (output: string) => [...output.matchAll(/^epoch \d+: loss (\d+\.\d+)/gm)].map((m) => Number(m[1]));

const describeDeno = launcher ? describe : process.env.CI ? describe : describe.skip;
describeDeno(`the Deno app${launcher ? '' : " (skipped: the 'deno' npm package is not installed)"}`, () => {
  test('deno task train: WebGPU where Deno has an adapter (else wasm, saying why), the loss falls, weights saved', async () => {
    expect(launcher).not.toBeNull();
    const weights = join(runsDir('deno-app'), 'mlp.safetensors');
    rmSync(weights, { force: true });
    const { code, output } = await denoTask(['train', '--epochs', '2', '--limit', '50', '--test-limit', '20', '--batch-size', '64', '--out', weights]);
    expect({ code, output }).toMatchObject({ code: 0 });
    const backend = /^Training on (WebGPU|wasm)\b.*: 500 training images, 200 test images$/m.exec(output);
    expect(backend).not.toBeNull();
    if (backend![1] === 'wasm') {
      expect(output).toMatch(/^WebGPU is not available here: /m);
      if (process.env.CI) throw new Error(`Deno found no WebGPU adapter under CI:\n${output}`);
    }
    const [first, second] = losses(output);
    expect(first).toBeLessThan(Math.log(10) + 0.01);
    expect(second).toBeLessThan(first);
    const { tensors } = readSafetensors(readFileSync(weights));
    expect([...tensors.keys()]).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
  }, 60_000);

  test('without an adapter it trains on wasm, after Node-and-Deno advice (a Vulkan driver, or wasm)', async () => {
    // Deno's WebGPU takes its backend list from DENO_WEBGPU_BACKEND: Metal on Linux leaves it no adapter.
    const { code, output } = await denoTask(['train', '--epochs', '1', '--limit', '20', '--test-limit', '10', '--batch-size', '64'],
      { DENO_WEBGPU_BACKEND: 'metal' });
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toMatch(/^WebGPU is not available here: WebGPU found no adapter/m);
    expect(output).toContain('VK_ICD_FILENAMES');
    expect(output).toContain('createWasmBackend()');
    expect(output).toMatch(/^Training on wasm \((simd|relaxed-simd), \d+ threads?\): 200 training images/m);
    expect(losses(output)).toHaveLength(1);
  }, 60_000);
});
