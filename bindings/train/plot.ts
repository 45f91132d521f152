/** Line charts as standalone SVG text (no dependencies, no DOM): training curves per epoch. */

export interface Series {
  readonly name: string;
  /** y values at x = 1, 2, 3 … (or at `x` when given); null or NaN leaves a gap. */
  readonly values: readonly (number | null)[];
  readonly x?: readonly number[];
  /** Stroke colour (CSS). */
  readonly color?: string;
  /** Dashed stroke. */
  readonly dashed?: boolean;
}

export interface ChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
  /** Fixed y range; by default from the data (including 0 when the data is close to it). */
  yMin?: number;
  yMax?: number;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function formatTick(v: number): string {
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : String(Number(v.toPrecision(4)));
}

const fmt = (v: number) => v.toFixed(1);

export function lineChartSvg(series: readonly Series[], options: ChartOptions = {}): string {
  const width = options.width ?? 640, height = options.height ?? 400;
  const left = 64, right = 20, top = options.title ? 40 : 20, bottom = 72;
  const points = series.map((s) =>
    s.values.map((v, i) => [s.x?.[i] ?? i + 1, v] as const).filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1])));
  const xs = points.flat().map((p) => p[0]), ys = points.flat().map((p) => p[1]);
  const xMin = xs.length ? Math.min(...xs) : 0, xMax = xs.length ? Math.max(...xs) : 1;
  let yMin = options.yMin ?? (ys.length ? Math.min(...ys) : 0), yMax = options.yMax ?? (ys.length ? Math.max(...ys) : 1);
  if (options.yMin === undefined && yMin > 0 && yMin < 0.5 * yMax) yMin = 0;
  if (yMax === yMin) [yMin, yMax] = [yMin - 0.5, yMax + 0.5];
  const xTicks = niceTicks(xMin, xMax === xMin ? xMin + 1 : xMax, Math.min(10, Math.max(1, xMax - xMin)));
  let yTicks = niceTicks(yMin, yMax);
  if (yTicks.length > 1) {
    // Widen the range to whole ticks so the highest and lowest points sit on or inside a grid line.
    const step = yTicks[1] - yTicks[0];
    yTicks = niceTicks(Math.floor(yMin / step + 1e-9) * step, Math.ceil(yMax / step - 1e-9) * step);
  }
  const x0 = Math.min(xMin, xTicks[0]), x1 = Math.max(xMax === xMin ? xMin + 1 : xMax, xTicks[xTicks.length - 1]);
  const y0 = Math.min(yMin, yTicks[0]), y1 = Math.max(yMax, yTicks[yTicks.length - 1]);
  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * (width - left - right);
  const py = (y: number) => height - bottom - ((y - y0) / (y1 - y0)) * (height - top - bottom);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="sans-serif" font-size="12">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`,
  ];
  if (options.title)
    out.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(options.title)}</text>`);
  out.push('<g stroke="#ddd" stroke-width="1">');
  for (const t of yTicks) out.push(`<line x1="${left}" y1="${fmt(py(t))}" x2="${width - right}" y2="${fmt(py(t))}"/>`);
  for (const t of xTicks) out.push(`<line x1="${fmt(px(t))}" y1="${top}" x2="${fmt(px(t))}" y2="${height - bottom}"/>`);
  out.push('</g>');
  out.push(`<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="none" stroke="#333"/>`);
  out.push('<g fill="#333">');
  for (const t of yTicks)
    out.push(`<text x="${left - 6}" y="${fmt(py(t) + 4)}" text-anchor="end">${escapeXml(formatTick(t))}</text>`);
  for (const t of xTicks)
    out.push(`<text x="${fmt(px(t))}" y="${height - bottom + 16}" text-anchor="middle">${escapeXml(formatTick(t))}</text>`);
  if (options.xLabel)
    out.push(`<text x="${(left + width - right) / 2}" y="${height - bottom + 34}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  if (options.yLabel)
    out.push(`<text transform="translate(16 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`);
  out.push('</g>');

  series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    const p = points[i];
    if (p.length > 1)
      out.push(`<polyline fill="none" stroke="${escapeXml(color)}" stroke-width="2"${dash} points="${p.map(([x, y]) => `${fmt(px(x))},${fmt(py(y))}`).join(' ')}"/>`);
    for (const [x, y] of p) out.push(`<circle cx="${fmt(px(x))}" cy="${fmt(py(y))}" r="3" fill="${escapeXml(color)}"/>`);
  });

  // Legend along the bottom edge, below the axis label.
  let lx = left;
  const ly = height - 12;
  series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    out.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 20}" y2="${ly - 4}" stroke="${escapeXml(color)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${lx + 26}" y="${ly}">${escapeXml(s.name)}</text>`);
    lx += 40 + 7 * s.name.length;
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
