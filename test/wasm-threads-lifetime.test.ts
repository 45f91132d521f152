/**
 * The lifetime of the wasm backend's worker threads: memory growth seen by every thread, dispose()
 * ending the workers (the process exits by itself), and a worker that fails, dies or stops answering
 * giving a BackendError rather than a hang.
 */
import { execFile, spawn } from 'node:child_process';
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
const poolModule = JSON.stringify(join(dist, 'bindings', 'wasm', 'thread-pool.js'));
const moduleModule = JSON.stringify(join(dist, 'bindings', 'wasm', 'wasm-module.js'));

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

  test('a kernel that traps gives BackendError naming the kernel and the thread, and the pool keeps working', async () => {
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 64, shared: true });
    const { module, kernels } = await instantiateKernels('simd', memory);
    const pool = await ThreadPool.start(module, memory, kernels, 1, ['fill'], { mainThreadWorks: false });
    try {
      const beyond = 64 * 65536 + 1024; // past the memory's maximum
      expect(() => pool.run('fill', [[2048, 1, 4], [beyond, 1, 4]])).toThrow(/wasm: fill failed on worker thread 1: RuntimeError/);
      pool.run('fill', [[2048, 7, 4], [4096, 8, 4]]);
      expect(Array.from(new Float32Array(memory.buffer, 2048, 4))).toEqual([7, 7, 7, 7]);
      expect(Array.from(new Float32Array(memory.buffer, 4096, 4))).toEqual([8, 8, 8, 8]);
    } finally {
      pool.dispose();
    }
  });

  test('every chunk of a job runs once, whichever thread claims it', async () => {
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 64, shared: true });
    const { module, kernels } = await instantiateKernels('simd', memory);
    const pool = await ThreadPool.start(module, memory, kernels, 2, ['fill'], { spin: 0 });
    try {
      // 16 chunks: whichever thread claims each, all are filled.
      pool.run('fill', Array.from({ length: 16 }, (_, c) => [65536 + 1024 * c, c, 256]));
      const view = new Float32Array(memory.buffer, 65536, 16 * 256);
      expect(Array.from({ length: 16 }, (_, c) => view[c * 256 + 255])).toEqual(Array.from({ length: 16 }, (_, c) => c));
    } finally {
      pool.dispose();
    }
  });

  test('a pause of the whole process longer than the timeout (a laptop asleep) does not end the pool', async () => {
    // Jobs run back to back, the main thread waiting on the worker, with a 300 ms timeout; the
    // process is stopped for 1.5 s in the middle. The pause must not count as the worker's delay.
    const child = spawn(process.execPath, ['--input-type=module', '-e', `
      import { ThreadPool } from ${poolModule};
      import { instantiateKernels } from ${moduleModule};
      const memory = new WebAssembly.Memory({ initial: 16, maximum: 4096, shared: true });
      const { module, kernels } = await instantiateKernels('simd', memory);
      memory.grow(512);
      const pool = await ThreadPool.start(module, memory, kernels, 1, ['fill'], { timeoutMs: 300, mainThreadWorks: false });
      console.log('ready');
      const end = performance.now() + 3500;
      while (performance.now() < end) pool.run('fill', [[4096, 1, 4 << 20], [4096, 1, 16]]);
      pool.dispose();
    `], { cwd: dist, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await sleep(500);
    child.kill('SIGSTOP');
    await sleep(1500);
    child.kill('SIGCONT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30000);

  test('jobs posted back to back while the machine is oversubscribed never claim a chunk of a half-written job', async () => {
    // Two busy processes compete for the cores, so the main thread is often preempted while it
    // writes a job; a worker that then claimed from the previous job's CLAIM would run a bogus chunk
    // and count it, and the job would never finish. The chunk counts change from job to job.
    const hogs = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }));
    try {
      const result = await runScript(`
        import { ThreadPool } from ${poolModule};
        import { instantiateKernels } from ${moduleModule};
        const memory = new WebAssembly.Memory({ initial: 64, maximum: 4096, shared: true });
        const { module, kernels } = await instantiateKernels('simd', memory);
        const pool = await ThreadPool.start(module, memory, kernels, 2, ['fill'], { spin: 0, timeoutMs: 3000 });
        const view = new Float32Array(memory.buffer, 65536, 64 * 16);
        const end = performance.now() + 4000;
        for (let job = 0; performance.now() < end; job++) {
          const chunks = job % 2 ? 2 : 1 + (job % 61);
          pool.run('fill', Array.from({ length: chunks }, (_, c) => [65536 + 64 * c, job % 251, 16]));
          for (let c = 0; c < chunks; c++) if (view[c * 16 + 15] !== job % 251) process.exit(3);
        }
        pool.dispose();
      `, 30000);
      expect(result).toMatchObject({ code: 0 });
    } finally {
      for (const hog of hogs) hog.kill();
    }
  }, 40000);

  test('a worker that holds a chunk past the deadline gives BackendError, not a hang', async () => {
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 4096, shared: true });
    const { module, kernels } = await instantiateKernels('simd', memory);
    memory.grow(2048); // 128 MiB
    const pool = await ThreadPool.start(module, memory, kernels, 1, ['fill'], { timeoutMs: 1, mainThreadWorks: false });
    try {
      const started = performance.now();
      // The main thread runs nothing, so its own time is ~0; the worker's fill takes far longer than 1 ms.
      expect(() => pool.run('fill', [[4096, 1, 30 << 20], [4096, 1, 16]])).toThrow(/did not finish its part of fill in time/);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(() => pool.run('fill', [[4096, 1, 16], [4096, 1, 16]])).toThrow(BackendError);
    } finally {
      pool.dispose();
    }
  });
});
