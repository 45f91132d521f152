/**
 * `npm run bench:gpu -- --quick` end to end, in a child process on whatever adapter Dawn finds
 * (SwiftShader under CI): it exits cleanly and writes the JSON and markdown results, with the
 * adapter line and every quick case measured for webgrad and present for every subject.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUICK_GPU_CASES } from '../bench/gpu/cases.js';
import { REPORT_FILES } from '../bench/gpu/report.js';
import type { BenchRecord } from '../bench/results.js';
import { dawn } from './webgpu-node-device.js';

const script = fileURLToPath(new URL('../bench/gpu/index.js', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runQuick(out: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, '--quick', '--out', out], { timeout: 170_000, maxBuffer: 8 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }));
  });
}

interface GpuJson {
  adapterLine: string;
  adapter: { info: string; kind: string; verdict: string };
  subjects: Record<string, string>;
  cases: string[];
  timedRuns: number;
  records: BenchRecord[];
}

if (dawn.unavailable !== null) {
  const reason = dawn.unavailable;
  if (process.env.CI) describe('bench:gpu --quick', () => test('a WebGPU adapter is available under CI', () => { throw new Error(reason); }));
  else describe.skip(`bench:gpu --quick (skipped: ${reason})`, () => test('needs WebGPU', () => undefined));
} else {
  describe('bench:gpu --quick', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webgrad-bench-gpu-'));
    let outcome: Outcome;
    let json: GpuJson;
    let markdown: string;
    beforeAll(async () => {
      outcome = await runQuick(dir);
      json = JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8')) as GpuJson;
      markdown = readFileSync(join(dir, REPORT_FILES.markdown), 'utf8');
    }, 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('exits 0 and prints the adapter Dawn found', () => {
      expect(outcome.code).toBe(0);
      expect(outcome.stdout).toContain('WebGPU adapter: ');
    });

    test('the adapter line says whether it is a GPU or a CPU emulation', () => {
      expect(json.adapterLine.startsWith('WebGPU adapter: ')).toBe(true);
      expect(markdown).toContain(json.adapterLine);
      if (/swiftshader|llvmpipe|lavapipe/i.test(json.adapter.info)) {
        expect(json.adapter.kind).toBe('cpu-emulation');
        expect(json.adapterLine).toMatch(/CPU emulation/);
      } else {
        expect(json.adapter.kind).not.toBe('cpu-emulation');
      }
    });

    test('every quick case is measured on webgrad webgpu, checked, with and without the read', () => {
      expect(json.cases).toEqual(QUICK_GPU_CASES.map((c) => c.id));
      for (const c of QUICK_GPU_CASES) {
        const r = json.records.find((x) => x.case === c.id && x.subject === 'webgrad webgpu');
        expect({ id: c.id, check: r?.check }).toEqual({ id: c.id, check: 'ok' });
        expect(r!.medianMs).toBeGreaterThan(0);
        expect(r!.kernelOnly?.medianMs).toBeGreaterThan(0);
      }
    });

    test('every subject has a record for every case: a figure or the reason it has none', () => {
      const subjects = Object.keys(json.subjects);
      expect(subjects).toContain('webgrad webgpu');
      for (const c of QUICK_GPU_CASES)
        for (const s of subjects) {
          const r = json.records.find((x) => x.case === c.id && x.subject === s);
          expect(r).toBeDefined();
          if (r!.medianMs === null) expect(r!.skipped).toEqual(expect.any(String));
        }
    });

    test('the markdown has one table row per case and the number of device waits stays bounded', () => {
      for (const c of QUICK_GPU_CASES) expect(markdown).toContain(`| ${c.label} `);
      expect(json.timedRuns).toBeGreaterThan(0);
      expect(json.timedRuns).toBeLessThan(1000);
    });
  });
}
