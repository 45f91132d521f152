/**
 * A tensor's values as PyTorch's repr prints them: `tensor([[1., 2.], [3., 4.]], requires_grad=True)`,
 * 4 decimals or scientific notation as the values need, one width per tensor so columns align,
 * summarised with `...` past 1000 elements (3 at each end of an axis), rows wrapped at 80 characters.
 */
import { shapeSize } from '../shape.js';

const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 80;

interface Style {
  format(v: number): string;
  width: number;
}

function special(v: number): string | null {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return null;
}

/** PyTorch's choice: integral values as `3.`; else 4 decimals, unless the range needs scientific notation. */
function chooseStyle(values: readonly number[]): Style {
  const finite = values.filter((v) => Number.isFinite(v));
  const magnitudes = finite.map(Math.abs).filter((v) => v !== 0);
  const max = Math.max(...magnitudes), min = Math.min(...magnitudes);
  const integral = finite.every((v) => Number.isInteger(v));
  const scientific = magnitudes.length > 0 && (max / min > 1000 || max > 1e8 || (!integral && min < 1e-4));
  const format = scientific
    ? (v: number) => v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2')
    : integral ? (v: number) => `${v.toFixed(0)}.` : (v: number) => v.toFixed(4);
  const text = (v: number) => special(v) ?? (Object.is(v, -0) ? `-${format(0)}` : format(v));
  // As PyTorch, the width comes from the non-zero finite values; others (0, -0, nan, inf) are padded to it.
  return { format: text, width: Math.max(1, ...finite.filter((v) => v !== 0).map((v) => text(v).length)) };
}

/** The indices printed along an axis of length n: all, or the first and last EDGE_ITEMS with null for `...`. */
function shown(n: number, summarize: boolean): (number | null)[] {
  if (!summarize || n <= 2 * EDGE_ITEMS) return [...Array(n).keys()];
  return [...Array(EDGE_ITEMS).keys(), null, ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)];
}

function collect(data: Float32Array, shape: readonly number[], summarize: boolean): number[] {
  if (shape.length === 0) return [data[0]];
  const stride = shapeSize(shape.slice(1));
  return shown(shape[0], summarize).flatMap((i) =>
    i === null ? [] : collect(data.subarray(i * stride, (i + 1) * stride), shape.slice(1), summarize));
}

function render(data: Float32Array, shape: readonly number[], style: Style, indent: number, summarize: boolean): string {
  if (shape.length === 0) return style.format(data[0]).padStart(style.width);
  const stride = shapeSize(shape.slice(1));
  const items = shown(shape[0], summarize).map((i) =>
    i === null ? (shape.length === 1 ? ' ...' : '...') : render(data.subarray(i * stride, (i + 1) * stride), shape.slice(1), style, indent + 1, summarize));
  if (shape.length === 1) {
    // One line if it fits, else wrapped at the line width.
    const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (style.width + 2)));
    const lines: string[] = [];
    for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
    return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
  }
  const separator = `,${'\n'.repeat(shape.length - 1)}${' '.repeat(indent + 1)}`;
  return `[${items.join(separator)}]`;
}

/** The body of the repr: the values (or `[]` with the size for an empty tensor). */
export function formatValues(data: Float32Array, shape: readonly number[], indent: number): string {
  const size = shapeSize(shape);
  if (size === 0) return shape.length === 1 ? '[]' : `[], size=(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
  const summarize = size > THRESHOLD;
  return render(data, shape, chooseStyle(collect(data, shape, summarize)), indent, summarize);
}
