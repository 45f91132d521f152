/** The op table is the only place op codes come from: the generated AssemblyScript matches it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINARY_OPS, BINARY_ROWS, REDUCE_OPS, UNARY_OPS, UNARY_ROWS, gradOp } from '../bindings/op-table/index.js';

// The compiled test runs from dist/test; the generated source is in the repository's assembly/.
const generated = readFileSync(join(process.cwd(), 'assembly', 'ops.generated.ts'), 'utf8');

/** `case N: … // name` lines of the generated switch whose signature starts with `head`. */
function codes(head: string): Map<string, number> {
  const start = generated.indexOf(head);
  const body = generated.slice(start, generated.indexOf('\n}\n', start));
  const found = new Map<string, number>();
  for (const match of body.matchAll(/case (\d+): .*\/\/ (\w+)$/gm)) found.set(match[2], Number(match[1]));
  return found;
}

describe('the op table', () => {
  test.each([
    ['unaryScalar(', UNARY_OPS], ['unary(', UNARY_OPS], ['binaryScalar(', BINARY_OPS], ['binary(', BINARY_OPS],
    ['reduceScalar(', REDUCE_OPS], ['reduce(', REDUCE_OPS],
  ] as const)('the generated %s switch numbers every op by its row', (head, ops) => {
    const found = codes(`function ${head}`);
    expect([...found.entries()]).toEqual(ops.map((op, code) => [op, code]));
  });

  test('every unary op with a backward rule has its binary Grad op, on the value the rule names', () => {
    for (const op of UNARY_OPS) {
      const grad = UNARY_ROWS[op].grad;
      if (!grad) continue;
      const row = BINARY_ROWS[gradOp(op as Parameters<typeof gradOp>[0])];
      expect(row.names).toEqual([grad.from, 'dy']);
      expect(row.wgsl).toBe(grad.wgsl);
    }
  });

  test('every row states a reference and both kernel languages, and names no op twice', () => {
    for (const row of [...Object.values(UNARY_ROWS), ...Object.values(BINARY_ROWS)]) {
      expect(typeof row.ref).toBe('function');
      expect(row.wgsl.length).toBeGreaterThan(0);
      expect(row.as.length).toBeGreaterThan(0);
    }
    expect(new Set(BINARY_OPS).size).toBe(BINARY_OPS.length);
  });
});
