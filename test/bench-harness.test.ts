/**
 * The bench harness with stand-in subjects: every (case, subject) gets a record; a subject that
 * throws, computes something else, or never answers is noted and the suite carries on; each
 * figure comes with the read and kernel only, and the table shows both and the ratios.
 */
import { rows, type BenchCase, type RowsCase } from '../bench/cases.js';
import { runSuite } from '../bench/harness.js';
import type { RowsInputs } from '../bench/inputs.js';
import type { PreparedCase, Subject } from '../bench/subjects/subject.js';
import { formatTable } from '../bench/table.js';

type Behaviour = 'ok' | 'throws' | 'wrong' | 'hangs' | 'no-kernel';

function softmaxRows(c: RowsCase, x: Float32Array): Float32Array {
  const y = new Float32Array(x.length);
  for (let r = 0; r < c.rows; r++) {
    const row = x.subarray(r * c.cols, (r + 1) * c.cols);
    const max = Math.max(...row);
    const e = Array.from(row, (v) => Math.exp(v - max));
    const sum = e.reduce((s, v) => s + v, 0);
    e.forEach((v, j) => (y[r * c.cols + j] = v / sum));
  }
  return y;
}

function standIn(name: string, behaviour: Behaviour, isWebgrad = false): Subject {
  return {
    name, isWebgrad, threads: 1, detail: `stand-in (${behaviour})`,
    skipReason: () => null,
    async prepare(c: BenchCase, inputs): Promise<PreparedCase> {
      if (behaviour === 'throws') throw new Error('boom');
      const rc = c as RowsCase;
      const x = (inputs as RowsInputs).x;
      const compute = () => (behaviour === 'wrong' ? new Float32Array(x.length) : softmaxRows(rc, x));
      const run = () => (behaviour === 'hangs' ? new Promise<void>(() => {}) : Promise.resolve(void compute()));
      return {
        run, runKernel: behaviour === 'no-kernel' ? null : run, kernelNote: behaviour === 'no-kernel' ? 'the read is the run' : undefined,
        async: true, opsPerRun: 1,
        output: async () => ({ kind: 'softmax', y: compute() }),
        dispose: () => {},
      };
    },
    async dispose() {},
  };
}

const cases = [rows('softmax', 4, 3), rows('softmax', 8, 5)];
const subjects = [
  standIn('mine', 'ok', true), standIn('thrower', 'throws'), standIn('liar', 'wrong'),
  standIn('sleeper', 'hangs'), standIn('reader', 'no-kernel'),
];

describe('runSuite', () => {
  let records: Awaited<ReturnType<typeof runSuite>>['records'];
  const lines: string[] = [];
  beforeAll(async () => {
    ({ records } = await runSuite(cases, subjects, {
      runs: 1, chain: 1, kernelOnly: true, maxTime: 0.01, minSamples: 2, maxSamples: 3, sampler: 'bounded', caseTimeout: 0.5,
    }, (line) => lines.push(line)));
  }, 30_000);
  const find = (caseId: string, subject: string) => records.find((r) => r.case === caseId && r.subject === subject)!;

  test('one record per case and subject', () => {
    expect(records).toHaveLength(cases.length * subjects.length);
  });

  test('a working subject is checked and timed with the read and kernel only, on every case', () => {
    for (const c of cases) {
      const r = find(c.id, 'mine');
      expect(r.check).toBe('ok');
      expect(r.medianMs).toBeGreaterThan(0);
      expect(r.kernelOnly?.medianMs).toBeGreaterThan(0);
      expect(r.gbps).toBeGreaterThan(0);
    }
  });

  test('a subject that throws is noted on each case and the suite carries on', () => {
    for (const c of cases) expect(find(c.id, 'thrower').skipped).toBe('failed: boom');
  });

  test('a wrong result is flagged as a mismatch', () => {
    expect(find(cases[0].id, 'liar').check).toMatch(/^MISMATCH/);
  });

  test('a subject that never answers is given up after the case timeout, for the rest of the suite', () => {
    expect(find(cases[0].id, 'sleeper').skipped).toMatch(/no answer after/);
    expect(find(cases[1].id, 'sleeper').skipped).toBe(`failed: given up after a timeout on ${cases[0].id}`);
  });

  test('a subject without a kernel-only run keeps its with-read figure and says why', () => {
    const r = find(cases[0].id, 'reader');
    expect(r.medianMs).toBeGreaterThan(0);
    expect(r.kernelOnly).toBeNull();
    expect(r.kernelOnlyNote).toBe('the read is the run');
  });

  test('the table shows both figures, ratios only between checked results, and the notes', () => {
    const table = formatTable(cases, subjects.map((s) => s.name), ['mine'], records);
    expect(table).toContain('with read [kernel only]');
    const row = table.split('\n').find((l) => l.startsWith(`| ${cases[0].label} `))!;
    const cells = row.split('|').map((s) => s.trim());
    const header = table.split('\n').find((l) => l.startsWith('| case'))!.split('|').map((s) => s.trim());
    expect(cells[header.indexOf('mine')]).toMatch(/GB\/s, .+ \[.+GB\/s, .+\]$/);
    expect(cells[header.indexOf('mine / reader')]).toMatch(/^\d+\.\d\d×$/);
    expect(cells[header.indexOf('mine / liar')]).toBe('–');
    expect(table).toContain('reader: no kernel-only figure: the read is the run');
  });
});
