/** The library entry must load in browsers and Deno: nothing it imports statically may be a Node module. */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_BUILTINS = new Set(builtinModules);
const staticImport = /^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;

/** Every module reachable from `entry` through static import/export, and the non-relative specifiers seen. */
function staticGraph(entry: string): { files: Set<string>; external: Map<string, string> } {
  const files = new Set<string>();
  const external = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(staticImport)) {
      const specifier = m[1] ?? m[2];
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else external.set(specifier, file);
    }
  };
  visit(entry);
  return { files, external };
}

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'bindings');

test.each(['index.js', 'data/index.js', 'train/index.js'])('%s imports no Node module', (entry) => {
  const { files, external } = staticGraph(resolve(dist, entry));
  const nodeOnly = [...external].filter(([s]) => s.startsWith('node:') || NODE_BUILTINS.has(s));
  expect(nodeOnly).toEqual([]);
  expect([...files].some((f) => f.includes('/node/'))).toBe(false);
});

test('the check has teeth: the Node entry does import Node modules', () => {
  const { external } = staticGraph(resolve(dist, 'train/node/index.js'));
  expect([...external.keys()]).toEqual(expect.arrayContaining(['node:fs']));
});
