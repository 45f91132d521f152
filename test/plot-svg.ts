/** Helpers for the plot tests: well-formedness, element attributes, and the canvas bounds of what is drawn. */
import { textWidth } from '../bindings/plot/metrics.js';
import { checkWellFormedXml } from './train-xml.js';

export interface Element {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

/** Throws unless `svg` is a well-formed SVG document with no NaN, Infinity or undefined anywhere; returns its element names. */
export function checkSvg(svg: string): string[] {
  const names = checkWellFormedXml(svg);
  expect(names[0]).toBe('svg');
  expect(svg).not.toMatch(/NaN|Infinity|undefined|null/);
  return names;
}

/** Every element named `name`, with its attributes and (for <text>) its content. */
export function elements(svg: string, name: string): Element[] {
  const out: Element[] = [];
  const re = new RegExp(`<${name}((?:\\s+[\\w:-]+="[^"]*")*)\\s*(/>|>([^<]*)</${name}>|>)`, 'g');
  for (const m of svg.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push({ name, attrs, text: m[3] ?? '' });
  }
  return out;
}

export function canvasSize(svg: string): { width: number; height: number } {
  const root = elements(svg, 'svg')[0].attrs;
  return { width: Number(root.width), height: Number(root.height) };
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/**
 * Throws unless every text (by its estimated extent), legend frame and line end of a one-axes
 * figure lies on the canvas.
 */
export function expectInsideCanvas(svg: string): void {
  const { width, height } = canvasSize(svg);
  for (const t of elements(svg, 'text')) {
    const x = Number(t.attrs.x), y = Number(t.attrs.y);
    const font = Number(t.attrs['font-size'] ?? /font-size="([\d.]+)"/.exec(svg)![1]);
    const w = textWidth(unescape(t.text), font);
    const anchor = t.attrs['text-anchor'] ?? 'start';
    const [left, right] = anchor === 'middle' ? [-w / 2, w / 2] : anchor === 'end' ? [-w, 0] : [0, w];
    if (t.attrs.transform?.startsWith('rotate(-90')) {
      expect(y - w / 2).toBeGreaterThanOrEqual(0);
      expect(y + w / 2).toBeLessThanOrEqual(height);
      expect(x - font).toBeGreaterThanOrEqual(0);
    } else {
      expect(x + left).toBeGreaterThanOrEqual(-0.01);
      expect(x + right).toBeLessThanOrEqual(width + 0.01);
      expect(y - 0.8 * font).toBeGreaterThanOrEqual(-0.01);
      expect(y + 0.25 * font).toBeLessThanOrEqual(height + 0.01);
    }
  }
  for (const r of elements(svg, 'rect')) {
    expect(Number(r.attrs.x)).toBeGreaterThanOrEqual(0);
    expect(Number(r.attrs.y)).toBeGreaterThanOrEqual(0);
    expect(Number(r.attrs.x) + Number(r.attrs.width)).toBeLessThanOrEqual(width + 0.01);
    expect(Number(r.attrs.y) + Number(r.attrs.height)).toBeLessThanOrEqual(height + 0.01);
  }
}

/** The stroke colours of the polylines, in order. */
export function lineColors(svg: string): string[] {
  return elements(svg, 'polyline').map((p) => p.attrs.stroke);
}

/** Polyline points as [x, y] pairs. */
export function polylinePoints(p: Element): number[][] {
  return p.attrs.points.split(' ').map((xy) => xy.split(',').map(Number));
}
