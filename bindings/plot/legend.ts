/** The legend: its size in columns, a 'best' place inside the axes (matplotlib's rule), its SVG. */
import { dashArray, markerGroupAttributes, markerSvg, type SeriesStyle } from './markers.js';
import { clipSegment, type Box, type PlacedSeries } from './lines.js';
import { textWidth } from './metrics.js';
import { element, text } from './svg.js';

export interface LegendEntry {
  label: string;
  style: SeriesStyle;
}

/** A legend laid out: its top-left corner, size and column split (entries fill columns top to bottom). */
export interface LegendLayout {
  x: number;
  y: number;
  w: number;
  h: number;
  rows: number;
  colWidths: number[];
}

// matplotlib's legend metrics in font sizes (columnspacing narrower: figures here are small).
const BORDER_PAD = 0.4, LABEL_SPACING = 0.5, HANDLE_LENGTH = 2, HANDLE_PAD = 0.8, AXES_PAD = 0.5, COLUMN_SPACING = 1.2;
const ROW = 1.2;

/** The legend's size in `ncol` columns. */
export function legendSize(entries: readonly LegendEntry[], ncol: number, font: number): Omit<LegendLayout, 'x' | 'y'> {
  const rows = Math.ceil(entries.length / ncol);
  const colWidths: number[] = [];
  for (let c = 0; c * rows < entries.length; c++) {
    const widest = Math.max(...entries.slice(c * rows, (c + 1) * rows).map((e) => textWidth(e.label, font)));
    colWidths.push((HANDLE_LENGTH + HANDLE_PAD) * font + widest);
  }
  const w = colWidths.reduce((a, b) => a + b, 0) + (colWidths.length - 1) * COLUMN_SPACING * font + 2 * BORDER_PAD * font;
  const h = (rows * ROW + (rows - 1) * LABEL_SPACING + 2 * BORDER_PAD) * font;
  return { w, h, rows, colWidths };
}

/** Data marks and line segments under a candidate box (what matplotlib's loc='best' minimises). */
function badness(box: Box, placed: readonly PlacedSeries[]): number {
  let count = 0;
  for (const s of placed) {
    for (const m of s.marks) if (m.x >= box.x0 && m.x <= box.x1 && m.y >= box.y0 && m.y <= box.y1) count++;
    for (const l of s.lines) for (let i = 0; i + 3 < l.length; i += 2) if (clipSegment(l[i], l[i + 1], l[i + 2], l[i + 3], box)) count++;
  }
  return count;
}

/**
 * The least covering place inside the axes, trying 1 to 4 columns and matplotlib's locations in
 * its order (upper right first); null when no layout fits in at most 40 % of the axes.
 */
export function placeLegendInside(entries: readonly LegendEntry[], axes: Box, placed: readonly PlacedSeries[], font: number): LegendLayout | null {
  const pad = AXES_PAD * font, aw = axes.x1 - axes.x0, ah = axes.y1 - axes.y0;
  let best: { layout: LegendLayout; cost: number } | null = null;
  for (let ncol = 1; ncol <= Math.min(4, entries.length); ncol++) {
    const size = legendSize(entries, ncol, font);
    if (size.w > aw - 2 * pad || size.h > ah - 2 * pad || size.w * size.h > 0.4 * aw * ah) continue;
    const left = axes.x0 + pad, right = axes.x1 - pad - size.w, midX = axes.x0 + (aw - size.w) / 2;
    const top = axes.y0 + pad, bottom = axes.y1 - pad - size.h, midY = axes.y0 + (ah - size.h) / 2;
    const spots = [[right, top], [left, top], [left, bottom], [right, bottom], [right, midY], [left, midY], [midX, bottom], [midX, top], [midX, midY]];
    for (const [x, y] of spots) {
      const cost = badness({ x0: x, y0: y, x1: x + size.w, y1: y + size.h }, placed);
      if (!best || cost < best.cost) best = { layout: { x, y, ...size }, cost };
      if (cost === 0) return best.layout;
    }
  }
  return best?.layout ?? null;
}

/** The size of a legend beside the axes: as many columns as needed to stay within `height`. */
export function legendBesideSize(entries: readonly LegendEntry[], height: number, font: number): Omit<LegendLayout, 'x' | 'y'> {
  const rowsFit = Math.max(1, Math.floor((height / font - 2 * BORDER_PAD + LABEL_SPACING) / (ROW + LABEL_SPACING)));
  return legendSize(entries, Math.ceil(entries.length / rowsFit), font);
}

/** The legend's SVG: a light frame, then per entry a line (or, for markers-only series, a marker) and its label. */
export function legendSvg(entries: readonly LegendEntry[], layout: LegendLayout, font: number): string[] {
  const out = [element('rect', {
    x: layout.x, y: layout.y, width: layout.w, height: layout.h, rx: 0.2 * font,
    fill: 'white', 'fill-opacity': 0.8, stroke: '#cccccc', 'stroke-width': 1,
  })];
  let colX = layout.x + BORDER_PAD * font;
  layout.colWidths.forEach((colWidth, c) => {
    entries.slice(c * layout.rows, (c + 1) * layout.rows).forEach((entry, r) => {
      const cy = layout.y + (BORDER_PAD + r * (ROW + LABEL_SPACING) + ROW / 2) * font;
      const s = entry.style, x1 = colX + HANDLE_LENGTH * font;
      if (s.lineStyle)
        out.push(element('line', {
          x1: colX, y1: cy, x2: x1, y2: cy, stroke: s.color, 'stroke-width': s.lineWidth,
          'stroke-dasharray': dashArray(s.lineStyle, s.lineWidth),
        }));
      else if (s.marker) {
        const size = Math.min(Math.max(s.markerSize, 0.4 * font), ROW * font);
        out.push(element('g', markerGroupAttributes(s.color), markerSvg(s.marker, (colX + x1) / 2, cy, size)));
      }
      out.push(text(x1 + HANDLE_PAD * font, cy + 0.35 * font, entry.label));
    });
    colX += colWidth + COLUMN_SPACING * font;
  });
  return out;
}
