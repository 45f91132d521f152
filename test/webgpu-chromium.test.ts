/**
 * The WebGPU smoke checks in headless Chromium: Debian's /usr/bin/chromium driven by playwright-core
 * (never a downloaded browser), loading dist/ from a loopback HTTP server.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDirectory } from './browser/static-server.js';
import { describeSmokeResult, type RuntimeOutcome } from './webgpu-smoke-assertions.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const TIMEOUT_MS = 120_000;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..');

async function runInChromium(): Promise<RuntimeOutcome> {
  if (!existsSync(CHROMIUM)) return { unavailable: `${CHROMIUM} is missing: apt-get install chromium` };
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    return { unavailable: `playwright-core did not load: ${(error as Error).message}` };
  }
  const server = await serveDirectory(dist);
  // playwright gives every launch a fresh temporary profile (user data dir).
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: TIMEOUT_MS });
  const pageErrors: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(`${server.origin}/`);
    const checks = page.evaluate(async (url) => {
      const { runSmokeChecks } = await import(url);
      return runSmokeChecks();
    }, `${server.origin}/test/browser/smoke-checks.js`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the checks did not finish within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    return await Promise.race([checks, timeout]).finally(() => clearTimeout(timer));
  } catch (error) {
    return { error: `${(error as Error).message}${pageErrors.length ? `; page errors: ${pageErrors.join('; ')}` : ''}` };
  } finally {
    await browser.close();
    await server.close();
  }
}

describeSmokeResult('WebGPU in headless Chromium', await runInChromium());
