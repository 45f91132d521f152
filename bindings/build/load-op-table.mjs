// Loads bindings/op-table/ (TypeScript with no imports outside its folder) in plain Node: each file is
// transpiled into build/op-table/ and the index imported from there.
import ts from 'typescript';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadOpTable(root) {
  const source = join(root, 'bindings', 'op-table');
  const target = join(root, 'build', 'op-table');
  mkdirSync(target, { recursive: true });
  for (const file of readdirSync(source).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(source, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    writeFileSync(join(target, file.replace(/\.ts$/, '.js')), outputText);
  }
  return import(`${pathToFileURL(join(target, 'index.js')).href}?t=${Date.now()}`);
}
