// After tsc: the embedded wasm binary is a module of base64 constants, generated and not shipped as
// TypeScript (the package would carry the binary twice). Its source map would point at that absent
// file, so it goes, with the comment that names it: no code runs there for a trace to land in.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bindings');
const DATA_MODULES = ['wasm/wasm-binary.generated.js'];

for (const module of DATA_MODULES) {
  const file = join(dist, module);
  if (!existsSync(file)) throw new Error(`${file} is missing: run tsc first`);
  const code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  writeFileSync(file, code);
  rmSync(`${file}.map`, { force: true });
}
