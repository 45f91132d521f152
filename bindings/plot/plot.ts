/** d2l.plot: lines (or markers) of one or more series in one axes, as an SVG string. */
import { ShapeError, ValueError } from '../errors.js';
import type { AxesSpec } from './axes.js';
import { toSeriesList, type ArrayData } from './data.js';
import { figureSvg } from './figure.js';
import type { SeriesData } from './lines.js';
import { checkAxesOptions, figsizePixels, seriesStyles, type AxesOptions, type FigSize } from './options.js';

/** d2l.plot's keyword arguments. */
export interface PlotOptions extends AxesOptions {
  /** matplotlib format per series ('-', 'm--', 'go', 'C3:'…); default d2l's ['-', 'm--', 'g-.', 'r:']. */
  fmts?: string | readonly string[];
  /** Inches at 100 px per inch; default d2l's [3.5, 2.5]. */
  figsize?: FigSize;
}

/** d2l's default figure size in inches. */
export const D2L_FIGSIZE: FigSize = [3.5, 2.5];

function isOptions(value: unknown): value is PlotOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value) &&
    !('shape' in value) && !('tolist' in value) && !('length' in value);
}

/** Pairs X and Y as d2l does: no Y plots X against the index; one X may serve every Y. */
export function pairSeries(fn: string, X: unknown, Y: unknown): { x: ArrayLike<number>; y: ArrayLike<number> }[] {
  if (Y === undefined || Y === null) {
    return toSeriesList(X, `${fn}: X`).map((y) => ({ x: Float64Array.from(y, (_, i) => i), y }));
  }
  const ys = toSeriesList(Y, `${fn}: Y`);
  let xs = toSeriesList(X, `${fn}: X`);
  if (xs.length === 1 && ys.length > 1) xs = ys.map(() => xs[0]);
  if (xs.length !== ys.length) throw new ValueError(`${fn}: ${xs.length} X series for ${ys.length} Y series (give one X, or one per Y)`);
  return ys.map((y, i) => {
    const x = xs[i].length === 0 ? Float64Array.from(y, (_, k) => k) : xs[i];
    if (x.length !== y.length) throw new ShapeError(`${fn}: X[${i}] has ${x.length} values but Y[${i}] has ${y.length}`);
    return { x, y };
  });
}

/** The one-axes spec of a figure from shared options and its series. */
export function axesSpec(options: AxesOptions, series: SeriesData[]): AxesSpec {
  return {
    series, xlabel: options.xlabel, ylabel: options.ylabel, title: options.title,
    xlim: options.xlim, ylim: options.ylim, xscale: options.xscale, yscale: options.yscale,
  };
}

/**
 * Plots data points as d2l.plot does and returns the figure as an SVG string.
 *
 * X and Y are each one series (array, typed array, 1-D tensor) or several (a list of them, or a
 * 2-D tensor: one per row). Without Y, X holds the y values and x is the index 0, 1, 2 …; one X may
 * serve several Ys. NaN, ±Infinity and null values leave gaps. `plot(y, options)` works too.
 *
 * @example
 * const svg = plot(x, [f(x), tangent], { xlabel: 'x', ylabel: 'f(x)', legend: ['f(x)', 'Tangent line (x=1)'] });
 */
export function plot(X: ArrayData, Y?: ArrayData | PlotOptions | null, options: PlotOptions = {}): string {
  if (Y !== undefined && Y !== null && isOptions(Y)) [Y, options] = [undefined, Y];
  checkAxesOptions('plot', options);
  const [width, height] = figsizePixels('plot', options.figsize, D2L_FIGSIZE);
  const pairs = pairSeries('plot', X, Y);
  const styles = seriesStyles('plot', options.fmts, pairs.length);
  const series = pairs.map((p, i) => ({ ...p, style: styles[i], label: options.legend?.[i] ?? null }));
  return figureSvg([axesSpec(options, series)], 1, 1, width, height);
}
