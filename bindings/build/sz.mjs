// `npm run sz`: the size of the core, as lines per file and per folder of bindings/, assembly/ and
// kernels/ (blank and comment-only lines left out; generated files shown apart), so that it stays small
// as the library grows. Files over 350 lines are marked.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LIMIT = 350;

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|wgsl|mjs)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** Lines that hold code: not blank, not only a comment. */
function codeLines(text) {
  let inBlock = false, count = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inBlock) {
      if (line.includes('*/')) inBlock = false;
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      inBlock = !line.includes('*/');
      continue;
    }
    count++;
  }
  return count;
}

const rows = [];
for (const top of ['bindings', 'assembly', 'kernels'])
  for (const path of files(join(root, top))) {
    const text = readFileSync(path, 'utf8');
    rows.push({ file: relative(root, path), folder: relative(root, dirname(path)), lines: text.split('\n').length, code: codeLines(text), generated: path.includes('.generated.') });
  }

const width = Math.max(...rows.map((r) => r.file.length));
console.log(`${'file'.padEnd(width)}  lines   code`);
for (const r of rows.filter((r) => !r.generated).sort((a, b) => b.code - a.code))
  console.log(`${r.file.padEnd(width)}  ${String(r.lines).padStart(5)}  ${String(r.code).padStart(5)}${r.lines > LIMIT ? `  over ${LIMIT} lines` : ''}`);

const folders = new Map();
for (const r of rows.filter((r) => !r.generated)) {
  const f = folders.get(r.folder) ?? { files: 0, code: 0 };
  f.files++;
  f.code += r.code;
  folders.set(r.folder, f);
}
console.log(`\n${'folder'.padEnd(24)} files   code`);
for (const [folder, f] of [...folders].sort((a, b) => b[1].code - a[1].code))
  console.log(`${folder.padEnd(24)} ${String(f.files).padStart(5)}  ${String(f.code).padStart(5)}`);
const total = rows.filter((r) => !r.generated).reduce((t, r) => t + r.code, 0);
console.log(`\ntotal: ${total} lines of code in ${rows.filter((r) => !r.generated).length} files` +
  `; generated, not counted: ${rows.filter((r) => r.generated).map((r) => r.file).join(', ') || 'none'}`);
const over = rows.filter((r) => !r.generated && r.lines > LIMIT && r.file.startsWith('bindings'));
if (over.length > 0) console.log(`bindings/ files over ${LIMIT} lines: ${over.map((r) => r.file).join(', ')}`);
