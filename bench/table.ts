/**
 * The printed table: one row per case, one column per subject (GFLOP/s for matmul, GB/s and ms
 * for softmax and cross-entropy), then the primary webgrad backend's speed relative to each peer.
 */
import type { BenchCase } from './cases.js';
import { shapeText } from './cases.js';
import type { BenchRecord } from './results.js';

function figure(r: BenchRecord | undefined, notes: string[]): string {
  if (!r) return '–';
  if (r.skipped !== null || r.medianMs === null) {
    notes.push(`${r.subject}, ${r.label}: ${r.skipped ?? 'no result'}`);
    return `–(${notes.length})`;
  }
  const mark = r.check === 'ok' ? '' : ` !(${notes.push(`${r.subject}, ${r.label}: ${r.check}`)})`;
  if (r.gflops !== null) return `${formatRate(r.gflops)}${mark}`;
  return `${formatRate(r.gbps!)} GB/s, ${formatMs(r.medianMs)}${mark}`;
}

/** Three significant digits, without exponents. */
export function formatRate(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1e3).toFixed(1)} µs`;
}

function ratio(primary: BenchRecord | undefined, peer: BenchRecord | undefined): string {
  if (!primary?.medianMs || !peer?.medianMs || primary.check !== 'ok' || peer.check !== 'ok') return '–';
  return `${(peer.medianMs / primary.medianMs).toFixed(2)}×`;
}

/** A Markdown table (it reads as plain text in a terminal too) and its footnotes. */
export function formatTable(
  cases: readonly BenchCase[], subjects: readonly string[], primary: string | null, records: readonly BenchRecord[],
): string {
  const peers = subjects.filter((s) => !records.find((r) => r.subject === s)?.webgrad);
  const header = ['case', 'shape', 'unit', ...subjects, ...(primary ? peers.map((p) => `${primary} / ${p}`) : [])];
  const notes: string[] = [];
  const rows = cases.map((c) => {
    const bySubject = (s: string) => records.find((r) => r.case === c.id && r.subject === s);
    return [
      c.label, shapeText(c), c.kind === 'matmul' ? 'GFLOP/s' : 'GB/s, ms',
      ...subjects.map((s) => figure(bySubject(s), notes)),
      ...(primary ? peers.map((p) => ratio(bySubject(primary), bySubject(p))) : []),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 3 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const out = [line(header), rule, ...rows.map(line)];
  if (notes.length) out.push('', ...notes.map((n, i) => `(${i + 1}) ${n}`));
  return out.join('\n');
}
