/** The deno npm package's launcher, which finds the binary in its platform package (@deno/linux-x64-glibc, ...). */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function denoLauncher(): string | null {
  try {
    const launcher = join(dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'bin.cjs');
    return existsSync(launcher) ? launcher : null;
  } catch {
    return null;
  }
}
