/** One axes as d2l sets it up: scales, ticks, grid, spines, labels, title, series and legend in a cell. */
import { legendBesideSize, legendSvg, placeLegendInside, type LegendEntry, type LegendLayout } from './legend.js';
import { placeSeries, seriesSvg, type Box, type PlacedSeries, type SeriesData } from './lines.js';
import { FONT_PX, TITLE_FONT_PX, pt, textWidth } from './metrics.js';
import { axisDomain, drawable, Scale, type Limits, type ScaleKind } from './scale.js';
import { element, num, text } from './svg.js';

/** What one axes shows. */
export interface AxesSpec {
  series: readonly SeriesData[];
  xlabel?: string | null;
  ylabel?: string | null;
  title?: string | null;
  xlim?: Limits | null;
  ylim?: Limits | null;
  xscale?: ScaleKind;
  yscale?: ScaleKind;
  /** false: no legend even where series have labels. */
  legend?: boolean;
}

/** An axes laid out in a cell: the size it needs (the cell, grown where text or a legend needs it) and its SVG. */
export interface AxesLayout {
  width: number;
  height: number;
  /** Its SVG with the cell's top-left corner at (x, y). */
  svg(x: number, y: number): string;
}

const PAD = pt(4), TICK = pt(3.5), MINOR_TICK = pt(2), TICK_PAD = pt(3.5), LABEL_PAD = pt(4), TITLE_PAD = pt(6);
const MIN_AXES = 40, LINE = 1.2;
const GRID_COLOR = '#b0b0b0', THIN = pt(0.8);

interface AxisTicks {
  values: number[];
  labels: string[];
  corner: string;
  widths: number[];
}

function axisTicks(scale: Scale, count: number, font: number): AxisTicks {
  const values = scale.ticks(count);
  const { labels, corner } = scale.labels(values);
  return { values, labels, corner, widths: labels.map((l) => textWidth(l, font)) };
}

/** x ticks: about one per three font sizes, fewer until neighbouring labels do not touch. */
function xTicksFitting(scale: Scale, font: number): AxisTicks {
  const length = Math.abs(scale.range[1] - scale.range[0]);
  for (let count = Math.min(9, Math.max(1, Math.floor(length / (3 * font)))); ; count--) {
    const t = axisTicks(scale, count, font);
    const crowded = t.values.some((v, i) => i > 0 &&
      Math.abs(scale.px(v) - scale.px(t.values[i - 1])) < (t.widths[i] + t.widths[i - 1]) / 2 + 0.8 * font);
    if (!crowded || count <= 1) return t;
  }
}

function* drawableValues(series: readonly SeriesData[], axis: 'x' | 'y', xk: ScaleKind, yk: ScaleKind): Iterable<number> {
  for (const s of series)
    for (let i = 0; i < s.y.length; i++) if (drawable(xk, s.x[i]) && drawable(yk, s.y[i])) yield s[axis][i];
}

interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The margins the tick labels and texts of this layout need. */
function neededMargins(spec: AxesSpec, xs: Scale, xt: AxisTicks, yt: AxisTicks, font: number): Margins {
  const edgeLeft = xs.range[0], edgeRight = xs.range[1];
  const overhang = (side: 1 | -1) => Math.max(0, ...xt.values.map((v, i) =>
    side * (xs.px(v) - (side > 0 ? edgeRight : edgeLeft)) + xt.widths[i] / 2));
  return {
    left: Math.max(PAD + (spec.ylabel ? LINE * font + LABEL_PAD : 0) + Math.max(0, ...yt.widths) + TICK_PAD + TICK, PAD + overhang(-1)),
    right: PAD + Math.max(overhang(1), textWidth(yt.corner, font) - (edgeRight - edgeLeft)),
    top: PAD + Math.max(0.6 * font, (spec.title ? LINE * TITLE_FONT_PX + TITLE_PAD : 0) + (yt.corner ? LINE * font : 0)),
    bottom: PAD + TICK + TICK_PAD + LINE * font + (xt.corner ? LINE * font : 0) + (spec.xlabel ? LABEL_PAD + LINE * font : 0),
  };
}

/** Lays out an axes in a cell of cellW × cellH pixels. */
export function layoutAxes(spec: AxesSpec, cellW: number, cellH: number, font = FONT_PX): AxesLayout {
  const xk = spec.xscale ?? 'linear', yk = spec.yscale ?? 'linear';
  const xDomain = axisDomain(xk, drawableValues(spec.series, 'x', xk, yk), spec.xlim ?? undefined);
  const yDomain = axisDomain(yk, drawableValues(spec.series, 'y', xk, yk), spec.ylim ?? undefined);
  const minW = Math.max(MIN_AXES, textWidth(spec.xlabel ?? '', font), textWidth(spec.title ?? '', TITLE_FONT_PX));
  const minH = Math.max(MIN_AXES, textWidth(spec.ylabel ?? '', font));
  let m: Margins = { left: PAD, right: PAD, top: PAD, bottom: PAD };
  let width = cellW, height = cellH, xs!: Scale, ys!: Scale, xt!: AxisTicks, yt!: AxisTicks;
  for (let pass = 0; pass < 6; pass++) {
    width = Math.max(cellW, m.left + m.right + minW);
    height = Math.max(cellH, m.top + m.bottom + minH);
    xs = new Scale(xk, xDomain, [m.left, width - m.right]);
    ys = new Scale(yk, yDomain, [height - m.bottom, m.top]);
    xt = xTicksFitting(xs, font);
    const rowsApart = yk === 'log' ? 1.4 : 2;
    yt = axisTicks(ys, Math.min(9, Math.max(1, Math.floor((height - m.top - m.bottom) / (rowsApart * font)))), font);
    const need = neededMargins(spec, xs, xt, yt, font);
    if (need.left <= m.left && need.right <= m.right && need.top <= m.top && need.bottom <= m.bottom) break;
    m = { left: Math.max(m.left, need.left), right: Math.max(m.right, need.right), top: Math.max(m.top, need.top), bottom: Math.max(m.bottom, need.bottom) };
  }
  const box: Box = { x0: m.left, y0: m.top, x1: width - m.right, y1: height - m.bottom };
  const placed = spec.series.map((s) => placeSeries(s, xs, ys, box));
  const entries: LegendEntry[] = spec.legend === false ? [] :
    spec.series.filter((s) => s.label).map((s) => ({ label: s.label!, style: s.style }));
  let legend: LegendLayout | null = null;
  if (entries.length) {
    legend = placeLegendInside(entries, box, placed, font);
    if (!legend) {
      const size = legendBesideSize(entries, box.y1 - box.y0, font);
      legend = { x: width - PAD + 0.5 * font, y: box.y0, ...size };
      width = legend.x + legend.w + PAD;
      height = Math.max(height, legend.y + legend.h + PAD);
    }
  }
  const drawn = drawAxes(spec, { xs, ys, xt, yt, box, placed, legend, entries, font });
  return { width, height, svg: (x, y) => `<g transform="translate(${num(x)} ${num(y)})">\n${drawn}\n</g>` };
}

interface Drawing {
  xs: Scale;
  ys: Scale;
  xt: AxisTicks;
  yt: AxisTicks;
  box: Box;
  placed: PlacedSeries[];
  legend: LegendLayout | null;
  entries: LegendEntry[];
  font: number;
}

function drawAxes(spec: AxesSpec, d: Drawing): string {
  const { xs, ys, xt, yt, box, font } = d;
  const w = box.x1 - box.x0, h = box.y1 - box.y0, midX = (box.x0 + box.x1) / 2;
  const grid = [
    ...xt.values.map((v) => element('line', { x1: xs.px(v), y1: box.y0, x2: xs.px(v), y2: box.y1 })),
    ...yt.values.map((v) => element('line', { x1: box.x0, y1: ys.px(v), x2: box.x1, y2: ys.px(v) })),
  ];
  const ticks: string[] = [];
  for (const [values, length] of [[xt.values, TICK], [xs.minorTicks(), MINOR_TICK]] as const)
    for (const v of values) ticks.push(`M${num(xs.px(v))} ${num(box.y1)}v${num(length)}`);
  for (const [values, length] of [[yt.values, TICK], [ys.minorTicks(), MINOR_TICK]] as const)
    for (const v of values) ticks.push(`M${num(box.x0)} ${num(ys.px(v))}h${num(-length)}`);
  const xLabelY = box.y1 + TICK + TICK_PAD + 0.8 * font;
  const labels = [
    ...xt.values.map((v, i) => text(xs.px(v), xLabelY, xt.labels[i], { 'text-anchor': 'middle' })),
    ...yt.values.map((v, i) => text(box.x0 - TICK - TICK_PAD, ys.px(v) + 0.35 * font, yt.labels[i], { 'text-anchor': 'end' })),
  ];
  if (xt.corner) labels.push(text(box.x1, xLabelY + LINE * font, xt.corner, { 'text-anchor': 'end' }));
  if (yt.corner) labels.push(text(box.x0, box.y0 - 0.4 * font, yt.corner));
  if (spec.xlabel)
    labels.push(text(midX, xLabelY + (xt.corner ? LINE * font : 0) + LABEL_PAD + LINE * font, spec.xlabel, { 'text-anchor': 'middle' }));
  if (spec.ylabel)
    labels.push(text(PAD + 0.85 * font, (box.y0 + box.y1) / 2, spec.ylabel, {
      'text-anchor': 'middle', transform: `rotate(-90 ${num(PAD + 0.85 * font)} ${num((box.y0 + box.y1) / 2)})`,
    }));
  if (spec.title) labels.push(text(midX, PAD + 0.9 * TITLE_FONT_PX, spec.title, { 'text-anchor': 'middle', 'font-size': TITLE_FONT_PX }));
  const series = spec.series.flatMap((s, i) => seriesSvg(d.placed[i], s.style));
  return [
    element('g', { stroke: GRID_COLOR, 'stroke-width': THIN }, grid.join('')),
    element('svg', { x: box.x0, y: box.y0, width: w, height: h, viewBox: `${num(box.x0)} ${num(box.y0)} ${num(w)} ${num(h)}`, overflow: 'hidden' },
      series.join('\n')),
    element('rect', { x: box.x0, y: box.y0, width: w, height: h, fill: 'none', stroke: 'black', 'stroke-width': THIN }),
    ticks.length ? element('path', { d: ticks.join(''), stroke: 'black', 'stroke-width': THIN }) : '',
    element('g', { fill: 'black' }, labels.join('\n')),
    ...(d.legend ? legendSvg(d.entries, d.legend, font) : []),
  ].filter(Boolean).join('\n');
}
