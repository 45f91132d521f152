/**
 * Text tables laid out as pandas' repr lays them out: right-aligned cells, numbers with a common
 * number of decimals (at most 6) or in scientific notation, NaN for missing entries, and only the
 * first and last 5 rows (of more than 60) and columns (of more than 20).
 */
import type { Column } from './column.js';

const MAX_ROWS = 60;
const MAX_COLUMNS = 20;
const SHOWN_EACH_END = 5;
const SHOWN_COLUMNS_EACH_END = 10;
const PRECISION = 6;

/** The cells of one column, each with pandas' leading space for a sign or a gap. */
export function formatCells(column: Column): string[] {
  if (column.dtype === 'object') return column.values.map((v) => ` ${v ?? 'NaN'}`);
  const values = column.values;
  if (values.every((v) => Number.isInteger(v) && Math.abs(v) < 1e16)) return values.map((v) => `${v < 0 ? '' : ' '}${v}`);
  const fixed = trimZeros(values.map((v) => formatFloat(v, (x) => x.toFixed(PRECISION))));
  const tooLong = fixed.some((s) => s.length > PRECISION + 6);
  const large = values.some((v) => Math.abs(v) > 1e6);
  const small = values.some((v) => Math.abs(v) > 0 && Math.abs(v) < 10 ** -PRECISION);
  if (!small && !(tooLong && large)) return fixed;
  return values.map((v) => formatFloat(v, (x) => x.toExponential(PRECISION).replace(/e([+-])(\d)$/, 'e$10$2')));
}

function formatFloat(v: number, digits: (magnitude: number) => string): string {
  if (Number.isNaN(v)) return 'NaN';
  const sign = v < 0 || Object.is(v, -0) ? '-' : ' ';
  return Number.isFinite(v) ? sign + digits(Math.abs(v)) : `${sign}inf`;
}

const DECIMAL = /^\s*[+-]?\d+\.\d*$/;

/** Drops trailing zeros common to every decimal number, keeping one digit after the point. */
function trimZeros(cells: string[]): string[] {
  let trimmed = cells;
  const decimals = () => trimmed.filter((s) => DECIMAL.test(s));
  while (decimals().length > 0 && decimals().every((s) => s.endsWith('0')))
    trimmed = trimmed.map((s) => (DECIMAL.test(s) ? s.slice(0, -1) : s));
  return trimmed.map((s) => (DECIMAL.test(s) && s.endsWith('.') ? `${s}0` : s));
}

/** Which of `count` positions a truncated view shows; null marks the elision. */
function shown(count: number, limit: number, eachEnd: number): (number | null)[] {
  const all = Array.from({ length: count }, (_, i) => i);
  return count <= limit ? all : [...all.slice(0, eachEnd), null, ...all.slice(count - eachEnd)];
}

/** A DataFrame as text. */
export function formatFrame(names: readonly string[], columns: readonly Column[], rows: number): string {
  if (rows === 0 || names.length === 0) {
    const index = rows <= 10 ? Array.from({ length: rows }, (_, i) => i).join(', ') : `0, 1, ..., ${rows - 1}`;
    return `Empty DataFrame\nColumns: [${names.join(', ')}]\nIndex: [${index}]`;
  }
  const rowOrder = shown(rows, MAX_ROWS, SHOWN_EACH_END);
  const columnOrder = shown(names.length, MAX_COLUMNS, SHOWN_COLUMNS_EACH_END);
  const blocks: Block[] = [{ header: '', cells: rowOrder.map((r) => (r === null ? null : String(r))), alignLeft: true }];
  for (const c of columnOrder) {
    if (c === null) {
      blocks.push({ header: ' ...', cells: rowOrder.map(() => ' ...'), alignLeft: false });
      continue;
    }
    const cells = fill(formatCells(sliceColumn(columns[c], rowOrder)), rowOrder);
    blocks.push({ header: (columns[c].dtype === 'number' ? ' ' : '') + names[c], cells, alignLeft: false });
  }
  const lines = layout(blocks, rowOrder.length, ' ');
  const truncated = rowOrder.includes(null) || columnOrder.includes(null);
  return truncated ? `${lines.join('\n')}\n\n[${rows} rows x ${names.length} columns]` : lines.join('\n');
}

/** A Series as text: labels (or positions) beside the values, then its name and dtype. */
export function formatSeries(name: string | null, column: Column, labels: readonly string[] | null): string {
  const length = column.values.length;
  const footer = (extra: string) => `${name === null ? '' : `Name: ${name}, `}${extra}dtype: ${column.dtype}`;
  if (length === 0) return `Series([], ${footer('')})`;
  const rowOrder = shown(length, MAX_ROWS, SHOWN_EACH_END);
  const cells = fill(formatCells(sliceColumn(column, rowOrder)), rowOrder);
  const blocks = [
    { header: '', cells: rowOrder.map((r) => (r === null ? '' : labels?.[r] ?? String(r))), alignLeft: true },
    { header: '', cells, alignLeft: false },
  ];
  const lines = layout(blocks, rowOrder.length, '   ').slice(1);
  return `${lines.join('\n')}\n${footer(rowOrder.includes(null) ? `Length: ${length}, ` : '')}`;
}

function sliceColumn(column: Column, rowOrder: readonly (number | null)[]): Column {
  const rows = rowOrder.filter((r): r is number => r !== null);
  return column.dtype === 'number'
    ? { dtype: 'number', values: rows.map((r) => column.values[r]) }
    : { dtype: 'object', values: rows.map((r) => column.values[r]) };
}

/** Cells for the shown rows, with null at the elision so positions line up with rowOrder. */
function fill(cells: string[], rowOrder: readonly (number | null)[]): (string | null)[] {
  const out: (string | null)[] = [];
  let next = 0;
  for (const r of rowOrder) out.push(r === null ? null : cells[next++]);
  return out;
}

/** A column of the layout; a null cell is the elided rows' marker: '...', or '..' in a narrow column. */
interface Block {
  header: string;
  cells: (string | null)[];
  alignLeft: boolean;
}

function layout(blocks: Block[], height: number, gap: string): string[] {
  const widths = blocks.map((b) => Math.max(b.header.length, ...b.cells.map((c) => c?.length ?? 2)));
  const pad = (text: string | null, b: number) => {
    const cell = text ?? (widths[b] > 3 ? '...' : '..');
    return blocks[b].alignLeft ? cell.padEnd(widths[b]) : cell.padStart(widths[b]);
  };
  const lines = [blocks.map((b, i) => pad(b.header, i)).join(gap)];
  for (let r = 0; r < height; r++) lines.push(blocks.map((b, i) => pad(b.cells[r], i)).join(gap));
  return lines;
}
