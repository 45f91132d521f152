/** The training curves of a fit() run as an SVG chart: d2l's Animator picture, drawn once. */
import type { EpochMetrics } from './fit.js';
import { Animator } from '../plot/animator.js';
import { ValueError } from '../errors.js';
import { describe } from '../validate.js';
import { checkMetrics } from './format.js';

/** train loss, then train/test accuracy (or test loss) per epoch, as d2l's train_ch3 plots them. */
export function trainingCurvesSvg(history: readonly EpochMetrics[], title = 'Training'): string {
  if (!Array.isArray(history as unknown)) throw new ValueError(`trainingCurvesSvg: history must be an array of epoch metrics, got ${describe(history)}`);
  history.forEach((m) => checkMetrics('trainingCurvesSvg', m));
  const columns: { name: string; value: (m: EpochMetrics) => number | null }[] = [{ name: 'train loss', value: (m) => m.trainLoss }];
  if (history.some((m) => m.trainAccuracy !== null)) columns.push({ name: 'train acc', value: (m) => m.trainAccuracy });
  if (history.some((m) => m.testAccuracy !== null)) columns.push({ name: 'test acc', value: (m) => m.testAccuracy });
  else if (history.some((m) => m.testLoss !== null)) columns.push({ name: 'test loss', value: (m) => m.testLoss });
  const animator = new Animator({ title, xlabel: 'epoch', legend: columns.map((c) => c.name), figsize: [6.4, 4] });
  for (const m of history) animator.add(m.epoch, columns.map((c) => c.value(m)));
  return animator.svg();
}
