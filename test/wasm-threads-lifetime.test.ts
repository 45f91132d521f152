/**
 * The lifetime of the wasm backend's worker threads: memory growth seen by every thread, dispose()
 * ending the workers (the process exits by itself), and a worker that fails, dies or stops answering
 * giving a BackendError rather than a hang.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackendError } from '../bindings/errors.js';
import { ThreadPool } from '../bindings/wasm/thread-pool.js';
import { createWasmBackend, type WasmBackend } from '../bindings/wasm/wasm-backend.js';
import { instantiateKernels } from '../bindings/wasm/wasm-module.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a module script in a fresh Node process; resolves with its exit code and time, or 'timeout'. */
function runScript(source: string, timeoutMs = 20000): Promise<{ code: number | null; ms: number } | 'timeout'> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', source], { cwd: dist, timeout: timeoutMs }, (error) => {
      if (error && (error as { killed?: boolean }).killed) resolve('timeout');
      else resolve({ code: child.exitCode, ms: Date.now() - started });
    });
  });
}

const backendModule = JSON.stringify(join(dist, 'bindings', 'wasm', 'wasm-backend.js'));

describe('memory growth', () => {
  test('every thread works on memory grown after the workers started, and old views keep their data', async () => {
    const backend = await createWasmBackend({ variant: 'simd', threads: 3, minWorkPerThread: 1, maxMemoryMiB: 512 });
    try {
      const small = backend.alloc(1000);
      const data = Float32Array.from({ length: 1000 }, (_, i) => i - 500);
      backend.write(small, data);
      const before = backend.view(small);
      const reserved = backend.memoryStats().reservedBytes;
      const big = backend.alloc(32 * 2 ** 20); // 128 MiB: the memory grows
      expect(backend.memoryStats().reservedBytes).toBeGreaterThan(reserved);
      expect(before.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(before).toEqual(data); // a view on shared memory is not detached by the growth
      backend.fill(big, 2.5, big.length); // split across the three threads, up to the new end
      backend.unary('neg', big, big, big.length, 0, 0);
      const out = backend.view(big);
      expect([out[0], out[big.length >> 1], out[big.length - 1]]).toEqual([-2.5, -2.5, -2.5]);
      expect(out.every((v) => v === -2.5)).toBe(true);
      expect(backend.readSync(small)).toEqual(data);
    } finally {
      backend.dispose();
    }
  });
});

describe('ending the workers', () => {
  test('a process that disposes its backend exits by itself', async () => {
    const result = await runScript(`
      import { createWasmBackend } from ${backendModule};
      const b = await createWasmBackend({ threads: 3, minWorkPerThread: 1 });
      const x = b.alloc(1 << 20); b.fill(x, 1, 1 << 20);
      if (b.threads !== 3) process.exit(3);
      b.dispose();`);
    expect(result).not.toBe('timeout');
    expect(result).toMatchObject({ code: 0 });
  });

  test('a process that never disposes its backend exits by itself too', async () => {
    const result = await runScript(`
      import { createWasmBackend } from ${backendModule};
      const b = await createWasmBackend({ threads: 2, minWorkPerThread: 1 });
      const x = b.alloc(1 << 20); b.fill(x, 1, 1 << 20);`);
    expect(result).not.toBe('timeout');
    expect(result).toMatchObject({ code: 0 });
  });

  test('after dispose every call throws DisposedError and the workers are gone', async () => {
    const backend = await createWasmBackend({ threads: 2, minWorkPerThread: 1 });
    const x = backend.alloc(4096);
    backend.dispose();
    expect(() => backend.fill(x, 1, 4096)).toThrow(/disposed/);
  });
});

describe('a worker that fails', () => {
  /** The backend's pool, for the tests that break it on purpose. */
  const poolOf = (backend: WasmBackend) => (backend as unknown as { pool: { workers: { terminate(): void }[] } }).pool;

  test('a worker that exits makes the next call throw BackendError, and every later one', async () => {
    const backend = await createWasmBackend({ threads: 3, minWorkPerThread: 1 });
    try {
      const x = backend.alloc(1 << 16);
      backend.fill(x, 1, 1 << 16);
      poolOf(backend).workers[1].terminate();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the exit event arrives
      expect(() => backend.fill(x, 2, 1 << 16)).toThrow(BackendError);
      expect(() => backend.fill(x, 2, 1 << 16)).toThrow(/worker thread 2 exited/);
      expect(() => backend.unary('exp', x, x, 1 << 16, 0, 0)).toThrow(BackendError);
      expect(backend.readSync(x)[0]).toBe(1); // reading needs no worker
    } finally {
      backend.dispose();
    }
  });

  test('a kernel that traps in a worker gives BackendError with the worker and the kernel named', async () => {
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 64, shared: true });
    const { module, kernels } = await instantiateKernels('simd', memory);
    const pool = await ThreadPool.start(module, memory, 1, ['fill']);
    try {
      const here = (call: { args: readonly number[] }) => kernels.fill(...(call.args as [number, number, number]));
      const beyond = 64 * 65536 + 1024; // past the memory's maximum
      expect(() => pool.run([{ kernel: 'fill', args: [2048, 1, 4] }, { kernel: 'fill', args: [beyond, 1, 4] }], here))
        .toThrow(/worker thread 1 failed in fill: RuntimeError/);
      expect(() => pool.run([{ kernel: 'fill', args: [2048, 1, 4] }], here)).toThrow(BackendError);
    } finally {
      pool.dispose();
    }
  });

  test('a worker that does not answer in time gives BackendError, not a hang', async () => {
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 4096, shared: true });
    const { module, kernels } = await instantiateKernels('simd', memory);
    memory.grow(2048); // 128 MiB
    const pool = await ThreadPool.start(module, memory, 1, ['fill'], { timeoutMs: 1 });
    try {
      const here = (call: { args: readonly number[] }) => kernels.fill(...(call.args as [number, number, number]));
      const started = performance.now();
      // The main thread's share is empty; the worker's takes far longer than 1 ms.
      expect(() => pool.run([{ kernel: 'fill', args: [2048, 0, 0] }, { kernel: 'fill', args: [4096, 1, 30 << 20] }], here))
        .toThrow(/worker thread 1 did not finish fill in time/);
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      pool.dispose();
    }
  });
});
