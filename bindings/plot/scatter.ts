/** matplotlib's scatter: markers only, optionally one size and one colour per point. */
import { ShapeError, ValueError } from '../errors.js';
import { viridis } from './colors.js';
import { toSeriesList, type ArrayData } from './data.js';
import { figureSvg } from './figure.js';
import { MARKERS, parseColor, type MarkerName } from './format.js';
import { LINE_WIDTH, MARKER_SIZE } from './markers.js';
import { pt } from './metrics.js';
import { checkAxesOptions, figsizePixels, type AxesOptions, type FigSize } from './options.js';
import { axesSpec, D2L_FIGSIZE, pairSeries } from './plot.js';

/** scatter()'s options: matplotlib's s, c, marker, label, and the axes options. */
export interface ScatterOptions extends AxesOptions {
  /** Marker area in points² (matplotlib's s; default 36): one for all, or one per point. */
  s?: number | ArrayData;
  /** One colour ('r', 'C2', '#aa3311') for all, one CSS colour per point, or one number per point (viridis). */
  c?: string | readonly string[] | ArrayData;
  marker?: MarkerName;
  /** Legend text of the points. */
  label?: string | null;
  figsize?: FigSize;
}

function pointSizes(s: ScatterOptions['s'], n: number): { size: number; sizes: number[] | null } {
  if (s === undefined) return { size: MARKER_SIZE, sizes: null };
  const areas = typeof s === 'number' ? [s] : Array.from(toSeriesList(s, 'scatter: s')[0] ?? []);
  if (areas.some((a) => !Number.isFinite(a) || a < 0)) throw new ValueError('scatter: s must hold finite sizes >= 0');
  if (areas.length !== 1 && areas.length !== n) throw new ShapeError(`scatter: s has ${areas.length} sizes for ${n} points`);
  const diameters = areas.map((a) => pt(Math.sqrt(a)));
  return areas.length === 1 ? { size: diameters[0], sizes: null } : { size: MARKER_SIZE, sizes: diameters };
}

function pointColors(c: ScatterOptions['c'], n: number): { color: string; colors: string[] | null } {
  if (c === undefined || c === null) return { color: '#1f77b4', colors: null };
  if (typeof c === 'string') return { color: parseColor(c, 'scatter: c'), colors: null };
  if (Array.isArray(c) && c.every((v) => typeof v === 'string')) {
    if (c.length !== n) throw new ShapeError(`scatter: c has ${c.length} colours for ${n} points`);
    const colors = c.map((v: string, i) => parseColor(v, `scatter: c[${i}]`));
    return { color: colors[0] ?? '#1f77b4', colors };
  }
  const values = Array.from(toSeriesList(c, 'scatter: c')[0] ?? []);
  if (values.length !== n) throw new ShapeError(`scatter: c has ${values.length} values for ${n} points`);
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite), hi = Math.max(...finite);
  const colors = values.map((v) => viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5));
  return { color: colors[0] ?? viridis(0.5), colors };
}

/**
 * A scatter plot of y against x (matplotlib's plt.scatter, as d2l uses it for the regression data)
 * as an SVG string: markers only, never a joining line.
 *
 * @example
 * const svg = scatter(features.column1, labels, { s: 1, xlabel: 'x', ylabel: 'y' });
 */
export function scatter(x: ArrayData, y: ArrayData, options: ScatterOptions = {}): string {
  checkAxesOptions('scatter', options);
  const [width, height] = figsizePixels('scatter', options.figsize, D2L_FIGSIZE);
  const pairs = pairSeries('scatter', x, y);
  if (pairs.length !== 1) throw new ShapeError(`scatter: expected one series of x and y, got ${pairs.length}`);
  const [{ x: xs, y: ys }] = pairs;
  const marker = options.marker ?? 'o';
  if (!MARKERS.includes(marker)) throw new ValueError(`scatter: marker must be one of ${MARKERS.join(' ')}, got '${String(marker)}'`);
  const { size, sizes } = pointSizes(options.s, ys.length);
  const { color, colors } = pointColors(options.c, ys.length);
  const style = { color, lineStyle: null, lineWidth: LINE_WIDTH, marker, markerSize: size, sizes, colors };
  const label = options.label ?? options.legend?.[0] ?? null;
  return figureSvg([axesSpec(options, [{ x: xs, y: ys, style, label }])], 1, 1, width, height);
}
