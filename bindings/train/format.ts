/** The one line per epoch that fit() prints. */
import { ValueError } from '../errors.js';
import { describe } from '../validate.js';
import type { EpochMetrics } from './fit.js';

/** Throws ValueError unless m has an epoch's numbers (as fit() reports them). */
export function checkMetrics(fn: string, m: unknown): asserts m is EpochMetrics {
  const e = m as Partial<EpochMetrics> | null;
  if (!e || typeof e !== 'object' || typeof e.epoch !== 'number' || typeof e.trainLoss !== 'number' || typeof e.seconds !== 'number')
    throw new ValueError(`${fn}: expected an epoch's metrics (epoch, trainLoss, seconds, ...) as fit() reports them, got ${describe(m)}`);
}

const percent = (v: number | null) => (v === null ? '' : `${(100 * v).toFixed(2)}%`);

export function formatEpoch(m: EpochMetrics, epochs: number, label = 'epoch'): string {
  checkMetrics('formatEpoch', m);
  const parts = [`${label} ${String(m.epoch).padStart(String(epochs).length)}/${epochs}`, `loss ${m.trainLoss.toFixed(4)}`];
  if (m.trainAccuracy !== null) parts.push(`train acc ${percent(m.trainAccuracy)}`);
  if (m.testLoss !== null && m.testAccuracy === null) parts.push(`test loss ${m.testLoss.toFixed(4)}`);
  if (m.testAccuracy !== null) parts.push(`test acc ${percent(m.testAccuracy)}`);
  parts.push(`${m.seconds.toFixed(1)}s`);
  return parts.join('  ');
}
