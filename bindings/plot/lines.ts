/** Series in pixel space: gaps at undrawable points, lines clipped to the axes, markers. */
import type { Scale } from './scale.js';
import { dashArray, markerGroupAttributes, markerSvg, type SeriesStyle } from './markers.js';
import { element, num } from './svg.js';

/** One series of an axes: x and y of equal length (NaN, ±Infinity, or ≤ 0 on a log axis: a gap). */
export interface SeriesData {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  style: SeriesStyle;
  /** Legend text; null: no legend entry. */
  label: string | null;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A series placed on the axes: the visible polylines and the markers (with their data index). */
export interface PlacedSeries {
  lines: number[][];
  marks: { x: number; y: number; index: number }[];
}

/** Liang–Barsky: the part of segment (x0, y0)–(x1, y1) inside the box, or null. */
export function clipSegment(x0: number, y0: number, x1: number, y1: number, b: Box): number[] | null {
  const dx = x1 - x0, dy = y1 - y0;
  let t0 = 0, t1 = 1;
  for (const [p, q] of [[-dx, x0 - b.x0], [dx, b.x1 - x0], [-dy, y0 - b.y0], [dy, b.y1 - y0]]) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  if (t0 > t1) return null;
  // Unclipped ends are returned exactly, so consecutive segments join.
  return [t0 === 0 ? x0 : x0 + t0 * dx, t0 === 0 ? y0 : y0 + t0 * dy, t1 === 1 ? x1 : x0 + t1 * dx, t1 === 1 ? y1 : y0 + t1 * dy];
}

/** The visible pieces of a polyline (flat x, y list) inside the box. */
export function clipPolyline(flat: readonly number[], box: Box): number[][] {
  const out: number[][] = [];
  let current: number[] | null = null;
  for (let i = 0; i + 3 < flat.length; i += 2) {
    const c = clipSegment(flat[i], flat[i + 1], flat[i + 2], flat[i + 3], box);
    if (!c) {
      current = null;
      continue;
    }
    if (current && current[current.length - 2] === c[0] && current[current.length - 1] === c[1]) current.push(c[2], c[3]);
    else out.push((current = c));
    if (c[2] !== flat[i + 2] || c[3] !== flat[i + 3]) current = null;
  }
  return out;
}

/**
 * Thins a long polyline (flat x, y list) to at most four points per pixel column, the first,
 * lowest, highest and last of each (the M4 rule), which draws the same picture.
 */
export function decimate(flat: readonly number[]): number[] {
  const out: number[] = [];
  let column = NaN, picks: number[] = [];
  const flush = () => {
    for (const i of [...new Set(picks)].sort((a, b) => a - b)) out.push(flat[i], flat[i + 1]);
  };
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const c = Math.floor(flat[i]);
    if (c !== column) {
      flush();
      column = c;
      picks = [i, i, i, i];
      continue;
    }
    if (flat[i + 1] < flat[picks[1] + 1]) picks[1] = i;
    if (flat[i + 1] > flat[picks[2] + 1]) picks[2] = i;
    picks[3] = i;
  }
  flush();
  return out;
}

const grow = (b: Box, by: number): Box => ({ x0: b.x0 - by, y0: b.y0 - by, x1: b.x1 + by, y1: b.y1 + by });

/** Places a series on scales: lines clipped to `box` (grown by the line width), markers that reach into it. */
export function placeSeries(s: SeriesData, xs: Scale, ys: Scale, box: Box): PlacedSeries {
  const grown = grow(box, 2 * s.style.lineWidth);
  const reach = grow(box, Math.max(s.style.markerSize, ...(s.style.sizes ?? [])) / 2 + 1);
  const placed: PlacedSeries = { lines: [], marks: [] };
  let run: number[] = [];
  const endRun = () => {
    if (run.length > 8 * (box.x1 - box.x0)) run = decimate(run);
    if (run.length >= 4) placed.lines.push(...clipPolyline(run, grown));
    run = [];
  };
  for (let i = 0; i < s.y.length; i++) {
    const px = xs.px(s.x[i]), py = ys.px(s.y[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      endRun();
      continue;
    }
    run.push(px, py);
    if (px >= reach.x0 && px <= reach.x1 && py >= reach.y0 && py <= reach.y1) placed.marks.push({ x: px, y: py, index: i });
  }
  endRun();
  return placed;
}

/** polyline points, dropping points that round to the previous one. */
function polylinePoints(flat: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const p = `${num(flat[i])},${num(flat[i + 1])}`;
    if (p !== parts[parts.length - 1]) parts.push(p);
  }
  return parts.join(' ');
}

/** The SVG of a placed series: its polylines, then its markers. */
export function seriesSvg(placed: PlacedSeries, style: SeriesStyle): string[] {
  const out: string[] = [];
  if (style.lineStyle) {
    const dash = dashArray(style.lineStyle, style.lineWidth);
    for (const line of placed.lines)
      out.push(element('polyline', {
        points: polylinePoints(line), fill: 'none', stroke: style.color, 'stroke-width': style.lineWidth,
        'stroke-dasharray': dash, 'stroke-linejoin': 'round', 'stroke-linecap': dash ? 'butt' : 'square',
      }));
  }
  if (style.marker && placed.marks.length) {
    const marker = style.marker;
    const marks = placed.marks.map((m) =>
      markerSvg(marker, m.x, m.y, style.sizes?.[m.index] ?? style.markerSize, style.colors?.[m.index]));
    out.push(element('g', markerGroupAttributes(style.color), marks.join('')));
  }
  return out;
}
