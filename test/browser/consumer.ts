/**
 * A fresh project that installs webgrad as a user would: `npm pack` of this repository, then
 * `npm install <tarball>` in an empty directory, offline from npm's cache (falling back to the
 * registry only where the cache lacks a dependency). Helpers to run programs inside it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPOSITORY_ROOT } from './chromium.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** npm's own settings, minus what `npm test` exports about this repository (prefix, workspace, ...). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') && !['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig'].includes(lower)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export function run(command: string, args: string[], cwd: string, options: { env?: Record<string, string>; timeout?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: childEnv(options.env), timeout: options.timeout ?? 60_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

export interface PackedFile {
  path: string;
  size: number;
}

export interface Consumer {
  dir: string;
  tarball: string;
  /** The tarball's files, as `npm pack --json` lists them. */
  packed: PackedFile[];
  /** How npm install went: 'offline' (from the cache alone) or 'prefer-offline'. */
  install: string;
}

/** Packs the repository (built) and installs the tarball into a new empty project. */
export async function createConsumer(): Promise<Consumer> {
  const dir = mkdtempSync(join(tmpdir(), 'webgrad-consumer-'));
  const packDir = join(dir, 'pack');
  mkdirSync(packDir);
  const pack = await run('npm', ['pack', '--json', '--pack-destination', packDir], REPOSITORY_ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const [{ filename, files }] = JSON.parse(pack.stdout) as { filename: string; files: PackedFile[] }[];
  const tarball = join(packDir, filename);
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  let install = 'offline';
  let result = await run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund'], project, { timeout: 120_000 });
  if (result.code !== 0 && /ENOTCACHED|cache mode is 'only-if-cached'/.test(result.stderr)) {
    install = 'prefer-offline';
    result = await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project, { timeout: 120_000 });
  }
  if (result.code !== 0) throw new Error(`npm install ${tarball} failed: ${result.stderr}`);
  return { dir: project, tarball, packed: files, install };
}

/** Bytes of every file under `dir` (file sizes, not disk blocks). */
export function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** Writes `text` to `path` under `dir`, making its folders. */
export function writeFile(dir: string, path: string, text: string): string {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/**
 * The README's checked snippets: each code block right after a `<!-- checked: <path> -->` comment,
 * by path (the path says where the test runs it).
 */
export function readmeSnippets(): Map<string, string> {
  const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const snippets = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- checked: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)) snippets.set(match[1], `${match[2]}\n`);
  return snippets;
}
