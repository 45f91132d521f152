/**
 * Headless Chromium for the app tests: Debian's /usr/bin/chromium driven by playwright-core (never
 * a downloaded browser), with or without WebGPU. `unavailable` says why it cannot run here.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const QUIET_FLAGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync',
];

/** The repository root (this file runs from dist/test/browser/). */
export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** runs/<name>: git-ignored, for screenshots and downloads a person may look at. */
export function runsDir(name: string): string {
  const dir = join(REPOSITORY_ROOT, 'runs', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export type Launched = { browser: Browser } | { unavailable: string };

/** Launches Chromium; `webgpu` adds --enable-unsafe-webgpu (without it headless Chromium has no adapter). */
export async function launchChromium(webgpu: boolean): Promise<Launched> {
  if (!existsSync(CHROMIUM)) return { unavailable: `${CHROMIUM} is missing: apt-get install chromium` };
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    return { unavailable: `playwright-core did not load: ${(error as Error).message}` };
  }
  const args = webgpu ? ['--enable-unsafe-webgpu', ...QUIET_FLAGS] : QUIET_FLAGS;
  return { browser: await chromium.launch({ executablePath: CHROMIUM, args, timeout: 60_000 }) };
}

/**
 * describe() when Chromium runs here; otherwise a failing test under CI (process.env.CI) and a
 * skipped block, with the reason, elsewhere.
 */
export function describeInChromium(name: string, launched: Launched, body: (browser: Browser) => void): void {
  if ('browser' in launched) {
    describe(name, () => {
      afterAll(() => launched.browser.close());
      body(launched.browser);
    });
  } else if (process.env.CI) {
    describe(name, () => test('Chromium runs', () => { throw new Error(launched.unavailable); }));
  } else {
    console.warn(`skipping '${name}': ${launched.unavailable}`);
    describe.skip(`${name} (skipped: ${launched.unavailable})`, () => test('needs Chromium', () => undefined));
  }
}
