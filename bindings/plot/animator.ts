/** d2l.Animator: a figure that grows point by point (per epoch, per batch) and redraws itself. */
import { ValueError } from '../errors.js';
import type { AxesSpec } from './axes.js';
import { figureSvg } from './figure.js';
import { checkAxesOptions, checkCount, figsizePixels, seriesStyles, type AxesOptions, type FigSize } from './options.js';
import { axesSpec, D2L_FIGSIZE } from './plot.js';

/** d2l.Animator's arguments, and where each new picture goes. */
export interface AnimatorOptions extends AxesOptions {
  fmts?: string | readonly string[];
  /** A grid of axes; add() picks one with its third argument. Default 1 × 1. */
  nrows?: number;
  ncols?: number;
  /** Inches of the whole figure; default [3.5, 2.5]. */
  figsize?: FigSize;
  /** Receives the SVG every `every` adds (a page sets an element's innerHTML, Node writes a file). */
  onUpdate?: ((svg: string) => void) | null;
  /** Adds between two onUpdate calls; default 1. */
  every?: number;
}

/** The points of one axes: per series, x and y (NaN: a gap). */
interface AxesData {
  xs: number[][];
  ys: number[][];
}

function checkValue(name: string, v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number') throw new ValueError(`Animator.add: ${name} must be numbers (or null), got ${typeof v}`);
  return v;
}

/**
 * Draws data incrementally as d2l.Animator does. Each add(x, ys) appends one point per series;
 * svg() draws the current picture, and onUpdate receives it every `every` adds.
 *
 * @example
 * const animator = new Animator({ xlabel: 'epoch', xlim: [1, 10], legend: ['train loss', 'train acc', 'test acc'],
 *   onUpdate: (svg) => { element.innerHTML = svg; } });
 * for (let epoch = 1; epoch <= 10; epoch++) animator.add(epoch, [loss, trainAcc, testAcc]);
 */
export class Animator {
  private readonly options: AnimatorOptions;
  private readonly axes: AxesData[];
  private readonly size: [number, number];
  private readonly every: number;
  private adds = 0;
  private pending = false;

  constructor(options: AnimatorOptions = {}) {
    checkAxesOptions('Animator', options);
    const nrows = checkCount('Animator', 'nrows', options.nrows ?? 1), ncols = checkCount('Animator', 'ncols', options.ncols ?? 1);
    this.every = checkCount('Animator', 'every', options.every ?? 1);
    if (options.onUpdate !== undefined && options.onUpdate !== null && typeof options.onUpdate !== 'function')
      throw new ValueError('Animator: onUpdate must be a function');
    seriesStyles('Animator', options.fmts, 1);
    this.size = figsizePixels('Animator', options.figsize, D2L_FIGSIZE);
    this.options = { ...options, nrows, ncols };
    this.axes = Array.from({ length: nrows * ncols }, () => ({ xs: [], ys: [] }));
  }

  /** How many times add() has been called. */
  get count(): number {
    return this.adds;
  }

  /**
   * Appends a point to each series: ys is one value or one per series; x is one value for all, or
   * one per series. As in d2l, a null y (or x) adds no point to its series, so a series measured
   * less often (test accuracy once per epoch) stays one line; NaN or ±Infinity leaves a gap.
   * `axes` picks a subplot of an nrows × ncols grid.
   */
  add(x: number | readonly number[], ys: number | null | readonly (number | null)[], axes = 0): void {
    if (!Number.isInteger(axes) || axes < 0 || axes >= this.axes.length)
      throw new ValueError(`Animator.add: axes must be an index below ${this.axes.length}, got ${String(axes)}`);
    const yList = Array.isArray(ys) ? ys.map((v, i) => checkValue(`ys[${i}]`, v)) : [checkValue('ys', ys)];
    const xList = Array.isArray(x) ? x.map((v, i) => checkValue(`x[${i}]`, v)) : yList.map(() => checkValue('x', x));
    if (xList.length !== yList.length) throw new ValueError(`Animator.add: ${xList.length} x values for ${yList.length} y values`);
    const data = this.axes[axes];
    while (data.ys.length < yList.length) {
      data.xs.push([]);
      data.ys.push([]);
    }
    yList.forEach((y, i) => {
      if (y === null || xList[i] === null) return;
      data.xs[i].push(xList[i]!);
      data.ys[i].push(y);
    });
    this.adds++;
    this.pending = true;
    if (this.adds % this.every === 0) this.flush();
  }

  /** Calls onUpdate with the current picture if anything was added since its last call. */
  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.options.onUpdate?.(this.svg());
  }

  /** The current picture as an SVG string. */
  svg(): string {
    const o = this.options;
    const specs: AxesSpec[] = this.axes.map((data) => {
      const styles = seriesStyles('Animator', o.fmts, data.ys.length);
      const series = data.ys.map((y, i) => ({ x: data.xs[i], y, style: styles[i], label: o.legend?.[i] ?? null }));
      return axesSpec(o, series);
    });
    return figureSvg(specs, o.nrows!, o.ncols!, this.size[0], this.size[1]);
  }
}
