/** A figure: a grid of axes in one SVG document. */
import { layoutAxes, type AxesSpec } from './axes.js';
import { FONT_PX } from './metrics.js';
import { svgDocument } from './svg.js';

/**
 * The SVG of `specs` laid out row by row in an nrows × ncols grid of equal cells filling
 * width × height pixels; every cell grows alike where one axes needs more room (a legend beside it).
 */
export function figureSvg(specs: readonly AxesSpec[], nrows: number, ncols: number, width: number, height: number): string {
  const cellW = width / ncols, cellH = height / nrows;
  const layouts = specs.map((spec) => layoutAxes(spec, cellW, cellH));
  const w = Math.max(cellW, ...layouts.map((l) => l.width)), h = Math.max(cellH, ...layouts.map((l) => l.height));
  const body = layouts.map((l, i) => l.svg((i % ncols) * w, Math.floor(i / ncols) * h));
  return svgDocument(w * ncols, h * nrows, body, FONT_PX);
}
