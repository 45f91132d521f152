/** The GPU bench's results as written to --out: a JSON document and a markdown page. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../cases.js';
import type { MachineInfo } from '../machine.js';
import type { BenchRecord } from '../results.js';
import { formatTable } from '../table.js';
import type { AdapterKind } from '../webgpu-env.js';

export interface GpuReport {
  readonly machine: MachineInfo;
  readonly adapter: { readonly info: string; readonly kind: AdapterKind; readonly verdict: string };
  readonly command: string;
  readonly options: unknown;
  /** Subject name → what exactly runs. */
  readonly subjects: Readonly<Record<string, string>>;
  readonly primaries: readonly string[];
  readonly unavailable: readonly string[];
  /** Failures noted while the suite ran (unhandled rejections, device errors). */
  readonly notes: readonly string[];
  /** Timed runs made, warm-ups included: one device wait each. */
  readonly timedRuns: number;
  readonly seconds: number;
  readonly cases: readonly BenchCase[];
  readonly records: readonly BenchRecord[];
}

export const REPORT_FILES = { json: 'bench-gpu.json', markdown: 'bench-gpu.md' } as const;

/** The adapter line, as printed and as written. */
export function adapterLine(adapter: GpuReport['adapter']): string {
  return `WebGPU adapter: ${adapter.info || '(no description)'} — ${adapter.verdict}`;
}

export function reportMarkdown(r: GpuReport): string {
  const lines = [
    '# webgrad GPU bench',
    '',
    adapterLine(r.adapter),
    '',
    `- Command: \`${r.command}\``,
    `- Machine: ${r.machine.cpuModel} (${r.machine.cpus} cpus), ${r.machine.platform}, Node ${r.machine.node}, ${r.machine.date}`,
    `- Took ${r.seconds.toFixed(0)} s; ${r.timedRuns} timed runs, one device wait each (warm-ups included, checks not)`,
    ...Object.entries(r.subjects).map(([name, detail]) => `- ${name}: ${detail}`),
    ...r.unavailable.map((line) => `- not measured: ${line}`),
    ...r.notes.map((line) => `- noted: ${line}`),
    '',
    formatTable(r.cases, Object.keys(r.subjects), r.primaries, r.records),
    '',
  ];
  return lines.join('\n');
}

/** Writes both files into `dir` (made if missing); returns their paths. */
export function writeReport(dir: string, r: GpuReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, REPORT_FILES.json);
  const markdown = join(dir, REPORT_FILES.markdown);
  const { cases, ...document } = r;
  writeFileSync(json, JSON.stringify({ ...document, adapterLine: adapterLine(r.adapter), cases: cases.map((c) => c.id) }, null, 2) + '\n');
  writeFileSync(markdown, reportMarkdown(r));
  return { json, markdown };
}
