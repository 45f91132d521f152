/** Line charts of named series as standalone SVG text, drawn by the plot module. */
import { ValueError } from '../errors.js';
import { describe, options as checkOptions } from '../validate.js';
import { assignColors } from '../plot/colors.js';
import { figureSvg } from '../plot/figure.js';
import type { SeriesData } from '../plot/lines.js';
import { LINE_WIDTH, MARKER_SIZE } from '../plot/markers.js';

export { niceTicks } from '../plot/ticks.js';

export interface Series {
  readonly name: string;
  /** y values at x = 1, 2, 3 … (or at `x` when given); null or NaN leaves a gap. */
  readonly values: readonly (number | null)[];
  readonly x?: readonly number[];
  /** Stroke colour (CSS); by default the next distinct colour of the cycle. */
  readonly color?: string;
  /** Dashed stroke. */
  readonly dashed?: boolean;
}

export interface ChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Pixels; default 640 × 400. */
  width?: number;
  height?: number;
  /** Fixed y range; by default from the data, with a 5 % margin. */
  yMin?: number;
  yMax?: number;
}

/** A line chart with a marker at every point and a legend of the series names, as an SVG string. */
export function lineChartSvg(series: readonly Series[], options: ChartOptions = {}): string {
  if (!Array.isArray(series as unknown)) throw new ValueError(`lineChartSvg: series must be an array, got ${describe(series)}`);
  series.forEach((s, i) => {
    if (!s || typeof s !== 'object' || !Array.isArray(s.values as unknown))
      throw new ValueError(`lineChartSvg: series[${i}] must be { name, values }, got ${describe(s)}`);
  });
  options = checkOptions<ChartOptions>('lineChartSvg', options, ['title', 'xLabel', 'yLabel', 'width', 'height', 'yMin', 'yMax']);
  const width = options.width ?? 640, height = options.height ?? 400;
  if (!(width > 0 && width <= 1e4 && height > 0 && height <= 1e4))
    throw new ValueError(`lineChartSvg: width and height must be in (0, 10000] pixels, got ${width} × ${height}`);
  const colors = assignColors(series.map((s) => s.color ?? null));
  const data: SeriesData[] = series.map((s, i) => ({
    x: s.values.map((_, k) => s.x?.[k] ?? k + 1),
    y: s.values.map((v) => v ?? NaN),
    style: { color: colors[i], lineStyle: s.dashed ? '--' : '-', lineWidth: LINE_WIDTH, marker: 'o', markerSize: MARKER_SIZE },
    label: s.name,
  }));
  const spec = {
    series: data, title: options.title, xlabel: options.xLabel, ylabel: options.yLabel,
    ylim: [options.yMin ?? null, options.yMax ?? null] as const,
  };
  return figureSvg([spec], 1, 1, width, height);
}
