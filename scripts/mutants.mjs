#!/usr/bin/env node
/**
 * Mutation testing, on demand (not in CI): applies each plausible mutation of scripts/mutations.mjs
 * in turn (a search/replace in one source file), rebuilds what that file feeds, runs the test files
 * the mutation names, and reports whether the tests caught it. The file is restored after each
 * mutant, also on Ctrl-C or a crash, and the build is redone from the restored sources at the end.
 *
 *   npm run build && npm run mutants                 every mutation
 *   npm run mutants -- --only exp-softmax-coef,...   some of them
 *   npm run mutants -- --check                       only check that every search text is still found
 *
 * A mutation whose search text is not found exactly as often as it expects fails the run before
 * anything is changed: the code moved, and the mutation must follow it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTATIONS } from './mutations.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const env = { ...process.env };
if (!env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER)) env.VK_ICD_FILENAMES = SWIFTSHADER;
// Without an adapter the WebGPU tests would be skipped, and every WebGPU mutant would survive for that reason.
env.CI = '1';

/** The build steps a source file feeds, in order. */
const STEPS = {
  ops: ['node', ['bindings/build/generate-ops.mjs']],
  wasm: ['npx', ['asc', '--config', 'asconfig.json', '--target', 'simd']],
  wasmShared: ['npx', ['asc', '--config', 'asconfig.json', '--target', 'simd-shared']],
  wasmRelaxed: ['npx', ['asc', '--config', 'asconfig.json', '--target', 'relaxed']],
  embed: ['node', ['bindings/build/embed.mjs']],
  tsc: ['npx', ['tsc', '-p', '.', '--incremental', '--tsBuildInfoFile', '.cache/mutants.tsbuildinfo']],
};
function stepsFor(file) {
  // Node 20 runs the plain SIMD module (no relaxed SIMD): its own-memory build on one thread, the
  // shared-memory build on several (createWasmBackend()'s default where there are cores), so mutants
  // rebuild those two.
  if (file.startsWith('bindings/op-table/')) return ['ops', 'wasm', 'wasmShared', 'embed', 'tsc'];
  if (file.startsWith('assembly/')) return ['wasm', 'wasmShared', 'embed', 'tsc'];
  if (file.startsWith('kernels/')) return ['embed', 'tsc'];
  if (file.startsWith('bindings/')) return ['tsc'];
  throw new Error(`no build steps known for ${file}`);
}

class Interrupted extends Error {}

/**
 * Runs a command to completion. A timeout kills it with SIGKILL; any other signal that ends it is the
 * user's Ctrl-C (it reaches the whole process group), which ends the run rather than judging a mutant.
 */
function run(command, commandArgs, timeoutSeconds) {
  const started = performance.now();
  const result = spawnSync(command, commandArgs, {
    cwd: root, env, encoding: 'utf8', timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL', maxBuffer: 1 << 28,
  });
  if (result.signal && result.signal !== 'SIGKILL') throw new Interrupted(`${command} ended by ${result.signal}`);
  return { ...result, seconds: (performance.now() - started) / 1000, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Lets a pending signal handler run between steps. */
const yieldToSignals = () => new Promise((resolve) => setImmediate(resolve));

function build(steps) {
  for (const step of steps) {
    const [command, commandArgs] = STEPS[step];
    const result = run(command, commandArgs, 900);
    if (result.status !== 0) return { ok: false, step, output: result.output.slice(-2000) };
  }
  return { ok: true };
}

/** Runs the named test files (dist/test/<name>.test.js), stopping at the first failing file. */
function jest(tests, pattern, timeoutSeconds = 1200) {
  const files = tests.map((t) => `dist/test/${t}.test.js`);
  const jestArgs = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--bail', '--ci', ...files];
  if (pattern) jestArgs.push('-t', pattern);
  const result = run('node', jestArgs, timeoutSeconds);
  const failing = /● (.+?)\n/.exec(result.output)?.[1]?.trim();
  const counts = /Tests:\s+(.+)/.exec(result.output)?.[1]?.trim();
  // Passed means tests ran and none failed: a pattern that matches nothing is not a pass.
  const passed = result.status === 0 && Number(/(\d+) passed/.exec(counts ?? '')?.[1] ?? 0) > 0;
  return { passed, timedOut: result.error?.code === 'ETIMEDOUT', failing, counts, seconds: result.seconds, output: result.output };
}

function occurrences(text, search) {
  let count = 0;
  for (let at = text.indexOf(search); at >= 0; at = text.indexOf(search, at + 1)) count++;
  return count;
}

/** Every mutation's search texts, found exactly `count` times (default once) in its file. */
function checkMutations(mutations) {
  const problems = [];
  const ids = new Set();
  for (const m of mutations) {
    if (ids.has(m.id)) problems.push(`${m.id}: the id is used twice`);
    ids.add(m.id);
    const path = join(root, m.file);
    if (!existsSync(path)) {
      problems.push(`${m.id}: ${m.file} does not exist`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    for (const [search, , count = 1] of m.edits) {
      const found = occurrences(text, search);
      if (found !== count) problems.push(`${m.id}: ${m.file} holds ${JSON.stringify(search)} ${found} times, expected ${count}`);
    }
    for (const test of m.tests)
      if (!existsSync(join(root, 'test', `${test}.test.ts`))) problems.push(`${m.id}: test/${test}.test.ts does not exist`);
  }
  return problems;
}

function mutate(m) {
  const path = join(root, m.file);
  const original = readFileSync(path, 'utf8');
  let text = original;
  for (const [search, replacement] of m.edits) text = text.split(search).join(replacement);
  return { path, original, text };
}

// Restores the file being mutated whatever happens; the final rebuild then follows.
let pendingRestore = null;
const touchedSteps = new Set();
function restore() {
  if (pendingRestore) {
    writeFileSync(pendingRestore.path, pendingRestore.original);
    pendingRestore = null;
  }
}
function rebuildRestored() {
  if (touchedSteps.size === 0) return;
  const order = ['ops', 'wasm', 'wasmShared', 'wasmRelaxed', 'embed', 'tsc'];
  if (touchedSteps.has('wasm')) touchedSteps.add('wasmRelaxed');
  const steps = order.filter((s) => touchedSteps.has(s));
  console.log(`\nrebuilding from the restored sources (${steps.join(', ')}) ...`);
  const result = build(steps);
  if (!result.ok) console.log(`the rebuild failed at ${result.step}: run npm run build\n${result.output}`);
  touchedSteps.clear();
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`\n${signal}: restoring ${pendingRestore ? pendingRestore.path : 'nothing (no mutant applied)'}`);
    restore();
    rebuildRestored();
    process.exit(130);
  });
}

function pad(text, width) {
  return String(text).padEnd(width);
}

async function main() {
  const only = option('only')?.split(',');
  const mutations = only ? MUTATIONS.filter((m) => only.includes(m.id)) : MUTATIONS;
  if (only && mutations.length !== only.length)
    throw new Error(`unknown mutation ids: ${only.filter((id) => !MUTATIONS.some((m) => m.id === id)).join(', ')}`);
  const problems = checkMutations(mutations);
  if (problems.length) {
    console.error(`mutations out of date with the code:\n  ${problems.join('\n  ')}`);
    process.exit(2);
  }
  console.log(`${mutations.length} mutations, every search text found`);
  if (args.includes('--check')) return;

  const started = performance.now();
  // The unmutated build must pass every test set used, or a "caught" would mean nothing.
  const sets = new Map();
  for (const m of mutations) sets.set(JSON.stringify([m.tests, m.pattern ?? null]), m);
  for (const m of sets.values()) {
    const baseline = jest(m.tests, m.pattern);
    console.log(`baseline ${m.tests.join(' ')}${m.pattern ? ` -t '${m.pattern}'` : ''}: ${baseline.counts ?? 'no result'} (${baseline.seconds.toFixed(0)} s)`);
    if (!baseline.passed) {
      console.error(`the unmutated code fails these tests; fix that first:\n${baseline.output.slice(-3000)}`);
      process.exit(3);
    }
  }

  const results = [];
  for (const m of mutations) {
    await yieldToSignals();
    const mutant = mutate(m);
    pendingRestore = mutant;
    writeFileSync(mutant.path, mutant.text);
    const steps = stepsFor(m.file);
    steps.forEach((s) => touchedSteps.add(s));
    const t0 = performance.now();
    const built = build(steps);
    let outcome, by = '';
    if (!built.ok) {
      outcome = 'INVALID';
      by = `does not build (${built.step}): ${built.output.split('\n').find((l) => /error/i.test(l))?.trim() ?? ''}`;
    } else {
      const tested = jest(m.tests, m.pattern);
      outcome = tested.passed ? 'SURVIVED' : 'caught';
      by = tested.passed ? `${tested.counts}` : tested.timedOut ? 'timed out' : tested.failing ?? tested.counts ?? '';
    }
    restore();
    await yieldToSignals();
    const seconds = (performance.now() - t0) / 1000;
    results.push({ ...m, outcome, by, seconds });
    console.log(`${pad(outcome, 9)} ${pad(m.id, 28)} ${pad(m.file, 34)} ${seconds.toFixed(0).padStart(4)} s  ${by.slice(0, 140)}`);
  }
  rebuildRestored();

  const minutes = (performance.now() - started) / 60000;
  const survived = results.filter((r) => r.outcome === 'SURVIVED');
  const invalid = results.filter((r) => r.outcome === 'INVALID');
  console.log(`\n| mutation | file | what it does | tests | result |\n|---|---|---|---|---|`);
  for (const r of results)
    console.log(`| ${r.id} | ${r.file} | ${r.what} | ${r.tests.join(', ')}${r.pattern ? ` (-t ${r.pattern})` : ''} | ${r.outcome === 'caught' ? `caught by ${r.by}` : r.outcome} |`);
  console.log(`\n${results.length - survived.length - invalid.length} of ${results.length} caught, ${survived.length} survived` +
    `${invalid.length ? `, ${invalid.length} did not build` : ''}; ${minutes.toFixed(1)} minutes`);
  if (survived.length || invalid.length) process.exit(1);
}

main().catch((error) => {
  const interrupted = error instanceof Interrupted;
  console.log(interrupted ? `\ninterrupted (${error.message}): restoring ${pendingRestore?.path ?? 'nothing'}` : '');
  restore();
  rebuildRestored();
  if (!interrupted) console.error(error);
  process.exit(interrupted ? 130 : 1);
});
