/** The one line per epoch that fit() prints. */
import type { EpochMetrics } from './fit.js';

const percent = (v: number | null) => (v === null ? '' : `${(100 * v).toFixed(2)}%`);

export function formatEpoch(m: EpochMetrics, epochs: number, label = 'epoch'): string {
  const parts = [`${label} ${String(m.epoch).padStart(String(epochs).length)}/${epochs}`, `loss ${m.trainLoss.toFixed(4)}`];
  if (m.trainAccuracy !== null) parts.push(`train acc ${percent(m.trainAccuracy)}`);
  if (m.testLoss !== null && m.testAccuracy === null) parts.push(`test loss ${m.testLoss.toFixed(4)}`);
  if (m.testAccuracy !== null) parts.push(`test acc ${percent(m.testAccuracy)}`);
  parts.push(`${m.seconds.toFixed(1)}s`);
  return parts.join('  ');
}
