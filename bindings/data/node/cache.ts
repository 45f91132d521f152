/** Where webgrad keeps converted data sets on disk (Node only). */
import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { WebgradError } from '../../errors.js';

const require = createRequire(import.meta.url);

/**
 * The cache directory: `explicit`, else $WEBGRAD_CACHE_DIR, else node_modules/.cache/webgrad
 * beside the data packages, else ~/.cache/webgrad.
 */
export function cacheDir(explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.WEBGRAD_CACHE_DIR) return process.env.WEBGRAD_CACHE_DIR;
  for (const pkg of ['fashion-mnist', 'mnist']) {
    try {
      return join(dirname(packageDir(pkg)), '.cache', 'webgrad');
    } catch {
      // not installed: try the next
    }
  }
  return join(homedir(), '.cache', 'webgrad');
}

/** The installed directory of an npm package. */
export function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new WebgradError(`the '${name}' package is not installed; run npm install ${name}`);
  }
}

export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The file's bytes, or null when it does not exist. */
export function readCacheFile(path: string): Uint8Array | null {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeCacheFile(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
