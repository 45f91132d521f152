/**
 * The relaxed-SIMD build on the kernel table. Where the runtime validates relaxed SIMD, the table
 * runs here; otherwise (Node 20) a child Node with --experimental-wasm-relaxed-simd runs it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createWasmBackend } from '../bindings/wasm/wasm-backend.js';
import { relaxedSimdSupported } from '../bindings/wasm/wasm-module.js';
import { describeKernelTable } from './backend-harness.js';

if (relaxedSimdSupported()) {
  const backend = await createWasmBackend({ variant: 'relaxed-simd' });
  test('auto picks the relaxed build where the runtime supports it', async () => {
    expect((await createWasmBackend()).variant).toBe('relaxed-simd');
  });
  describeKernelTable('wasm (relaxed-simd)', () => backend);
} else {
  test('without runtime support, forcing the relaxed build fails with a BackendError', async () => {
    await expect(createWasmBackend({ variant: 'relaxed-simd' })).rejects.toThrow(/relaxed-simd kernel module/);
    expect((await createWasmBackend()).variant).toBe('simd');
  });

  test('the kernel table passes on the relaxed build in a Node with --experimental-wasm-relaxed-simd', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const child = spawnSync(
      process.execPath,
      [
        '--experimental-wasm-relaxed-simd', '--experimental-vm-modules',
        join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--rootDir', root, '--json',
        join(root, 'dist', 'test', 'kernels-wasm.test.js'),
      ],
      { cwd: root, env: { ...process.env, WEBGRAD_WASM_VARIANT: 'relaxed-simd' }, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`child jest failed (exit ${child.status}):\n${child.stdout.slice(0, 4000)}${child.stderr.slice(-4000)}`);
    const results = JSON.parse(child.stdout) as {
      numPassedTests: number; numFailedTests: number;
      testResults: { assertionResults: { title: string; status: string }[] }[];
    };
    const titles = results.testResults.flatMap((file) => file.assertionResults.map((r) => r.title));
    expect(titles).toContain('the wasm backend runs the relaxed-simd build');
    expect(results.numFailedTests).toBe(0);
    expect(results.numPassedTests).toBeGreaterThan(400);
  });
}
