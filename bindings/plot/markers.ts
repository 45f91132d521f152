/** Line and marker styles as SVG: dash patterns and marker shapes. */
import type { LineStyleName, MarkerName } from './format.js';
import { pt } from './metrics.js';
import { element, num, pointList, type Attributes } from './svg.js';

/** How one series is drawn. Sizes are pixels; `sizes`/`colors` give per-point markers (scatter). */
export interface SeriesStyle {
  color: string;
  lineStyle: LineStyleName | null;
  lineWidth: number;
  marker: MarkerName | null;
  /** Marker diameter. */
  markerSize: number;
  sizes?: readonly number[] | null;
  colors?: readonly string[] | null;
}

/** matplotlib's line width (1.5 pt) and marker size (6 pt). */
export const LINE_WIDTH = pt(1.5);
export const MARKER_SIZE = pt(6);
const EDGE_WIDTH = pt(1);

/** The SVG stroke-dasharray of a line style (matplotlib's patterns, scaled by line width); null for solid. */
export function dashArray(style: LineStyleName | null, lineWidth: number): string | null {
  const pattern = { '-': null, '--': [3.7, 1.6], '-.': [6.4, 1.6, 1, 1.6], ':': [1, 1.65] }[style ?? '-'];
  return pattern ? pattern.map((v) => num(v * lineWidth)).join(' ') : null;
}

function regularPolygon(n: number, r: number, rotation: number, x: number, y: number): number[] {
  const flat: number[] = [];
  for (let k = 0; k < n; k++) {
    const a = rotation + (2 * Math.PI * k) / n;
    flat.push(x + r * Math.sin(a), y - r * Math.cos(a));
  }
  return flat;
}

function star(r: number, x: number, y: number): number[] {
  const flat: number[] = [];
  for (let k = 0; k < 10; k++) {
    const a = (Math.PI * k) / 5, rk = k % 2 ? r * 0.381966 : r;
    flat.push(x + rk * Math.sin(a), y - rk * Math.cos(a));
  }
  return flat;
}

/** The outline of a filled marker centred at (x, y), or null for a stroked or round one. */
function markerPolygon(marker: MarkerName, x: number, y: number, r: number): number[] | null {
  switch (marker) {
    case 's': return [x - r * 0.8, y - r * 0.8, x + r * 0.8, y - r * 0.8, x + r * 0.8, y + r * 0.8, x - r * 0.8, y + r * 0.8];
    case '^': return regularPolygon(3, r, 0, x, y);
    case 'v': return regularPolygon(3, r, Math.PI, x, y);
    case '>': return regularPolygon(3, r, Math.PI / 2, x, y);
    case '<': return regularPolygon(3, r, -Math.PI / 2, x, y);
    case 'D': return [x, y - r, x + r, y, x, y + r, x - r, y];
    case 'd': return [x, y - r, x + r * 0.6, y, x, y + r, x - r * 0.6, y];
    case 'p': return regularPolygon(5, r, 0, x, y);
    case 'h': return regularPolygon(6, r, 0, x, y);
    case '*': return star(r, x, y);
    default: return null;
  }
}

/** One marker of diameter `size` at (x, y); `color` overrides the enclosing group's fill and stroke. */
export function markerSvg(marker: MarkerName, x: number, y: number, size: number, color?: string): string {
  const r = size / 2;
  const paint: Attributes = color ? { fill: color, stroke: color } : {};
  if (marker === 'o') return element('circle', { cx: x, cy: y, r, ...paint });
  if (marker === '.') return element('circle', { cx: x, cy: y, r: r / 2, ...paint });
  if (marker === ',') return element('rect', { x: x - 0.5, y: y - 0.5, width: 1, height: 1, ...paint, stroke: 'none' });
  if (marker === 'x' || marker === '+') {
    const d = marker === 'x' ? r * Math.SQRT1_2 : r;
    const path = marker === 'x'
      ? `M${num(x - d)} ${num(y - d)}L${num(x + d)} ${num(y + d)}M${num(x - d)} ${num(y + d)}L${num(x + d)} ${num(y - d)}`
      : `M${num(x - d)} ${num(y)}L${num(x + d)} ${num(y)}M${num(x)} ${num(y - d)}L${num(x)} ${num(y + d)}`;
    return element('path', { d: path, fill: 'none', stroke: color });
  }
  return element('polygon', { points: pointList(markerPolygon(marker, x, y, r)!), ...paint });
}

/** The group attributes shared by the markers of one series. */
export function markerGroupAttributes(color: string): Attributes {
  return { fill: color, stroke: color, 'stroke-width': EDGE_WIDTH };
}
