/**
 * The threaded wasm checks (test/browser/wasm-threads-checks.ts) in headless Chromium (Debian's
 * /usr/bin/chromium driven by playwright-core): on a cross-origin isolated page the backend runs
 * worker threads, its main thread polling since it may not block; on a page without the isolation
 * headers it runs one thread and says why.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDirectory } from './browser/static-server.js';
import type { ThreadChecksResult } from './browser/wasm-threads-checks.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TIMEOUT_MS = 300_000;
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const dist = join(dirname(fileURLToPath(import.meta.url)), '..');

type Outcome = ThreadChecksResult | { error: string } | { unavailable: string };

async function runInChromium(headers: Record<string, string>): Promise<Outcome> {
  if (!existsSync(CHROMIUM)) return { unavailable: `${CHROMIUM} is missing: apt-get install chromium` };
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    return { unavailable: `playwright-core did not load: ${(error as Error).message}` };
  }
  const server = await serveDirectory(dist, headers);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: TIMEOUT_MS });
  const pageErrors: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(`${server.origin}/`);
    return await page.evaluate(async (url) => {
      const { runWasmThreadChecks } = await import(url);
      return runWasmThreadChecks(3);
    }, `${server.origin}/test/browser/wasm-threads-checks.js`);
  } catch (error) {
    return { error: `${(error as Error).message}${pageErrors.length ? `; page errors: ${pageErrors.join('; ')}` : ''}` };
  } finally {
    await browser.close();
    await server.close();
  }
}

const isolated = await runInChromium(ISOLATION);
const plain = await runInChromium({});

describe('the wasm backend on worker threads in headless Chromium', () => {
  if ('unavailable' in isolated) {
    test.skip(`skipped: ${isolated.unavailable}`, () => undefined);
    return;
  }
  test('the checks ran on both pages', () => {
    expect(isolated).not.toHaveProperty('error');
    expect(plain).not.toHaveProperty('error');
  });
  if ('error' in isolated || 'error' in plain || 'unavailable' in plain) return;
  test('a cross-origin isolated page runs 3 threads on both builds, its main thread polling rather than blocking', () => {
    expect(isolated.crossOriginIsolated).toBe(true);
    expect(isolated.canBlock).toBe(false);
    expect(isolated.runs.map((run) => [run.variant, run.threads, run.fallbackReason])).toEqual([
      ['simd', 3, null], ['relaxed-simd', 3, null],
    ]);
  });
  test('every kernel-table case is within tolerance of the reference and identical to one thread', () => {
    expect(isolated.cases).toBeGreaterThan(100);
    for (const run of isolated.runs) {
      expect(run.referenceFailures).toEqual([]);
      expect(run.differences).toEqual([]);
    }
  });
  test('a page without the isolation headers runs one thread and says why', () => {
    expect(plain.crossOriginIsolated).toBe(false);
    for (const run of plain.runs) {
      expect(run.threads).toBe(1);
      expect(run.fallbackReason).toMatch(/cross-origin isolated/);
      expect(run.referenceFailures).toEqual([]);
    }
  });
});
