/**
 * The printed table: one row per case, one column per subject, each cell the figure with the read
 * and, in brackets, the kernel-only figure (GFLOP/s for matmul; GFLOP/s and ms per step for the
 * training step; GB/s and ms for softmax and cross-entropy); then each compared webgrad subject's
 * speed relative to each peer, from the with-read figures.
 */
import type { BenchCase } from './cases.js';
import { shapeText } from './cases.js';
import type { BenchRecord, Figures } from './results.js';

/** Three significant digits, without exponents. */
export function formatRate(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1e3).toFixed(1)} µs`;
}

function formatFigures(kind: BenchCase['kind'], f: Pick<Figures, 'medianMs' | 'gflops' | 'gbps'>): string {
  if (kind === 'matmul') return formatRate(f.gflops!);
  if (kind === 'mlpStep') return `${formatRate(f.gflops!)}, ${formatMs(f.medianMs)}`;
  return `${formatRate(f.gbps!)} GB/s, ${formatMs(f.medianMs)}`;
}

export function unitText(kind: BenchCase['kind']): string {
  return kind === 'matmul' ? 'GFLOP/s' : kind === 'mlpStep' ? 'GFLOP/s, ms/step' : 'GB/s, ms';
}

/** The footnote number of `text`, one number per distinct text. */
function noteNumber(notes: string[], text: string): number {
  const at = notes.indexOf(text);
  return at >= 0 ? at + 1 : notes.push(text);
}

function cell(r: BenchRecord | undefined, notes: string[]): string {
  if (!r) return '–';
  if (r.skipped !== null || r.medianMs === null) return `–(${noteNumber(notes, `${r.subject}: ${r.skipped ?? 'no result'}`)})`;
  const mark = r.check === 'ok' ? '' : ` !(${noteNumber(notes, `${r.subject}, ${r.label}: ${r.check}`)})`;
  const kernel = r.kernelOnly ? ` [${formatFigures(r.kernel, r.kernelOnly)}]` : '';
  return `${formatFigures(r.kernel, { medianMs: r.medianMs, gflops: r.gflops, gbps: r.gbps })}${kernel}${mark}`;
}

/** How many times faster `primary` is than `peer`, with the read; '–' where either is missing or wrong. */
export function ratioText(primary: BenchRecord | undefined, peer: BenchRecord | undefined): string {
  if (!primary?.medianMs || !peer?.medianMs || primary.check !== 'ok' || peer.check !== 'ok') return '–';
  return `${(peer.medianMs / primary.medianMs).toFixed(2)}×`;
}

/**
 * A Markdown table (it reads as plain text in a terminal too) and its footnotes. `primaries` are
 * the webgrad subjects compared with every peer (not the cpu reference).
 */
export function formatTable(
  cases: readonly BenchCase[], subjects: readonly string[], primaries: readonly string[], records: readonly BenchRecord[],
): string {
  const peers = subjects.filter((s) => !records.find((r) => r.subject === s)?.webgrad);
  const pairs = primaries.flatMap((p) => peers.map((q) => [p, q] as const));
  const header = ['case', 'shape', 'unit', ...subjects, ...pairs.map(([p, q]) => `${p} / ${q}`)];
  const notes: string[] = [];
  const rows = cases.map((c) => {
    const bySubject = (s: string) => records.find((r) => r.case === c.id && r.subject === s);
    return [
      c.label, shapeText(c), unitText(c.kind),
      ...subjects.map((s) => cell(bySubject(s), notes)),
      ...pairs.map(([p, q]) => ratioText(bySubject(p), bySubject(q))),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((text, i) => text.padEnd(widths[i])).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 3 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const out = [
    'Each cell: with read [kernel only]. Ratios: with read, > 1 where webgrad is faster.',
    '',
    line(header), rule, ...rows.map(line),
  ];
  const kernelNotes = new Map<string, string>();
  for (const r of records)
    if (r.kernelOnly === null && r.kernelOnlyNote && r.medianMs !== null) kernelNotes.set(r.subject, r.kernelOnlyNote);
  for (const [subject, note] of kernelNotes) noteNumber(notes, `${subject}: no kernel-only figure: ${note}`);
  if (notes.length) out.push('', ...notes.map((n, i) => `(${i + 1}) ${n}`));
  return out.join('\n');
}
