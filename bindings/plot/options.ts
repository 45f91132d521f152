/** The options plot(), scatter() and Animator share, checked once, and series styles from fmts. */
import { ValueError } from '../errors.js';
import { assignColors } from './colors.js';
import { parseFmt } from './format.js';
import { LINE_WIDTH, MARKER_SIZE, type SeriesStyle } from './markers.js';
import { PX_PER_INCH } from './metrics.js';
import type { Limits, ScaleKind } from './scale.js';

/** d2l's set_axes arguments, plus a title. */
export interface AxesOptions {
  xlabel?: string | null;
  ylabel?: string | null;
  /** Legend text of the series, in order; fewer names than series leave the rest out of the legend. */
  legend?: readonly string[] | null;
  /** [lo, hi]; null on a side autoscales it; lo > hi inverts the axis. */
  xlim?: Limits | null;
  ylim?: Limits | null;
  xscale?: ScaleKind;
  yscale?: ScaleKind;
  title?: string | null;
}

/** Figure size in inches, [width, height]. */
export type FigSize = readonly [number, number];

/** d2l's default formats: solid (cycle colour), magenta dashed, green dash-dot, red dotted. */
export const DEFAULT_FMTS: readonly string[] = ['-', 'm--', 'g-.', 'r:'];

function checkText(fn: string, name: string, value: unknown): void {
  if (value !== undefined && value !== null && typeof value !== 'string')
    throw new ValueError(`${fn}: ${name} must be a string, got ${typeof value}`);
}

function checkLimits(fn: string, name: string, value: unknown, scale: ScaleKind): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value) || value.length !== 2)
    throw new ValueError(`${fn}: ${name} must be [lo, hi], got ${JSON.stringify(value)}`);
  for (const v of value) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValueError(`${fn}: ${name} must hold finite numbers or null, got ${String(v)}`);
    if (scale === 'log' && v <= 0) throw new ValueError(`${fn}: ${name} must be positive on a log axis, got ${v}`);
  }
}

function checkScale(fn: string, name: string, value: unknown): ScaleKind {
  if (value === undefined) return 'linear';
  if (value !== 'linear' && value !== 'log') throw new ValueError(`${fn}: ${name} must be 'linear' or 'log', got ${String(value)}`);
  return value;
}

/** Checks the shared options; throws ValueError naming `fn` and the option. */
export function checkAxesOptions(fn: string, options: AxesOptions): void {
  if (typeof options !== 'object' || options === null) throw new ValueError(`${fn}: options must be an object`);
  for (const name of ['xlabel', 'ylabel', 'title'] as const) checkText(fn, name, options[name]);
  const xscale = checkScale(fn, 'xscale', options.xscale), yscale = checkScale(fn, 'yscale', options.yscale);
  checkLimits(fn, 'xlim', options.xlim, xscale);
  checkLimits(fn, 'ylim', options.ylim, yscale);
  const legend = options.legend;
  if (legend !== undefined && legend !== null && (!Array.isArray(legend) || legend.some((l) => typeof l !== 'string')))
    throw new ValueError(`${fn}: legend must be an array of strings`);
}

/** figsize (inches) as pixels; throws ValueError for anything but two sizes in (0, 100]. */
export function figsizePixels(fn: string, figsize: FigSize | undefined, fallback: FigSize): [number, number] {
  const size = figsize ?? fallback;
  if (!Array.isArray(size) || size.length !== 2 || size.some((v) => typeof v !== 'number' || !(v > 0 && v <= 100)))
    throw new ValueError(`${fn}: figsize must be [width, height] in inches, each in (0, 100], got ${JSON.stringify(figsize)}`);
  return [size[0] * PX_PER_INCH, size[1] * PX_PER_INCH];
}

/** A positive integer option, or ValueError. */
export function checkCount(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new ValueError(`${fn}: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/**
 * Styles for n series from matplotlib formats. Formats repeat when there are more series; a
 * series past the end of `fmts` keeps its format's line style and marker but takes the next
 * colour of the cycle, so every series has a colour of its own.
 */
export function seriesStyles(fn: string, fmts: string | readonly string[] | undefined, n: number): SeriesStyle[] {
  const list = fmts === undefined ? DEFAULT_FMTS : typeof fmts === 'string' ? [fmts] : fmts;
  if (!Array.isArray(list) || list.length === 0) throw new ValueError(`${fn}: fmts must be a format string or a non-empty array of them`);
  const parsed = list.map((f, i) => parseFmt(f, `${fn}: fmts[${i}]`));
  const formats = Array.from({ length: n }, (_, i) => parsed[i % parsed.length]);
  const colors = assignColors(formats.map((f, i) => (i < parsed.length ? f.color : null)));
  return formats.map((f, i) => ({
    color: colors[i], lineStyle: f.lineStyle, lineWidth: LINE_WIDTH, marker: f.marker,
    markerSize: MARKER_SIZE,
  }));
}
