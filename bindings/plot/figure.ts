/** A figure: a grid of axes in one SVG document. */
import { ValueError } from '../errors.js';
import { describe, integer } from '../validate.js';
import { layoutAxes, type AxesSpec } from './axes.js';
import { FONT_PX } from './metrics.js';
import { svgDocument } from './svg.js';

/**
 * The SVG of `specs` laid out row by row in an nrows × ncols grid of equal cells filling
 * width × height pixels; every cell grows alike where one axes needs more room (a legend beside it).
 */
export function figureSvg(specs: readonly AxesSpec[], nrows: number, ncols: number, width: number, height: number): string {
  if (!Array.isArray(specs as unknown)) throw new ValueError(`figureSvg: specs must be an array of axes, got ${describe(specs)}`);
  integer('figureSvg', 'nrows', nrows, { min: 1 });
  integer('figureSvg', 'ncols', ncols, { min: 1 });
  for (const [name, v] of [['width', width], ['height', height]] as const)
    if (typeof v !== 'number' || !(v > 0 && v <= 1e5)) throw new ValueError(`figureSvg: ${name} must be in (0, 100000] pixels, got ${describe(v)}`);
  const cellW = width / ncols, cellH = height / nrows;
  const layouts = specs.map((spec) => layoutAxes(spec, cellW, cellH));
  const w = Math.max(cellW, ...layouts.map((l) => l.width)), h = Math.max(cellH, ...layouts.map((l) => l.height));
  const body = layouts.map((l, i) => l.svg((i % ncols) * w, Math.floor(i / ncols) * h));
  return svgDocument(w * ncols, h * nrows, body, FONT_PX);
}
