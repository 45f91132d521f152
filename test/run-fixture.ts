/** Runs a script of test/fixtures in a fresh Node, whose memory and collector are its own. */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The stdout of fixtures/<name>.js run with `args` (and Node's `flags`); rejects with its stderr on failure. */
export function runFixture(name: string, args: readonly string[], options: { flags?: readonly string[]; timeoutMs: number }): Promise<string> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', `${name}.js`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...(options.flags ?? []), script, ...args], { timeout: options.timeoutMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
