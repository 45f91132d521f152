// Compiles every target of asconfig.json, as many at once as there are cores (each asc run is
// single-threaded); exits non-zero, with the failing target's output, if any fails.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

const asc = path.resolve('node_modules/assemblyscript/bin/asc.js');
const targets = Object.keys(JSON.parse(readFileSync('asconfig.json', 'utf8')).targets);

function compile(target) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [asc, '--config', 'asconfig.json', '--target', target], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ target, code, output }));
  });
}

const queue = [...targets];
const failures = [];
await Promise.all(Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
  for (let target = queue.shift(); target; target = queue.shift()) {
    const result = await compile(target);
    console.log(`asc ${target}: ${result.code === 0 ? 'ok' : `failed (exit ${result.code})`}`);
    if (result.code !== 0) failures.push(result);
  }
}));
for (const { target, output } of failures) console.error(`--- asc ${target} ---\n${output}`);
process.exit(failures.length ? 1 : 0);
