/** The training curves of a fit() run as an SVG chart (d2l's animated plot, drawn once). */
import type { EpochMetrics } from './fit.js';
import { lineChartSvg, type Series } from './plot.js';

export function trainingCurvesSvg(history: readonly EpochMetrics[], title = 'Training'): string {
  const x = history.map((m) => m.epoch);
  const series: Series[] = [{ name: 'train loss', values: history.map((m) => m.trainLoss), x }];
  if (history.some((m) => m.trainAccuracy !== null))
    series.push({ name: 'train acc', values: history.map((m) => m.trainAccuracy), x, dashed: true });
  if (history.some((m) => m.testAccuracy !== null))
    series.push({ name: 'test acc', values: history.map((m) => m.testAccuracy), x, dashed: true });
  else if (history.some((m) => m.testLoss !== null))
    series.push({ name: 'test loss', values: history.map((m) => m.testLoss), x });
  return lineChartSvg(series, { title, xLabel: 'epoch' });
}
