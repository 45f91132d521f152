/**
 * The parity criteria: each epoch's mean training loss within 1e-3 relative of PyTorch's, and
 * the test accuracy after the last epoch within 0.3 percentage points.
 */
import type { Recipe } from './replay-files.js';

export const LOSS_RELATIVE_TOLERANCE = 1e-3;
export const ACCURACY_TOLERANCE_PP = 0.3;

export interface ReplayEpoch {
  readonly epoch: number;
  readonly trainLoss: number;
  /** Fraction in [0, 1]. */
  readonly testAccuracy: number;
  readonly seconds: number;
}

export interface EpochRow {
  readonly epoch: number;
  readonly webgradLoss: number;
  readonly torchLoss: number;
  readonly relativeDifference: number;
  readonly webgradAccuracy: number;
  readonly torchAccuracy: number;
}

export interface Comparison {
  readonly recipe: Recipe;
  readonly reference: string;
  readonly rows: EpochRow[];
  readonly worstRelativeLoss: number;
  /** Final test accuracy difference, percentage points. */
  readonly accuracyDifferencePP: number;
  readonly pass: boolean;
  readonly webgradSecondsPerEpoch: number;
  readonly torchSecondsPerEpoch: number;
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

export function compareRuns(recipe: Recipe, webgrad: ReplayEpoch[], torch: ReplayEpoch[], reference: string): Comparison {
  if (webgrad.length !== torch.length) throw new Error(`webgrad ran ${webgrad.length} epochs, PyTorch ${torch.length}`);
  const rows = webgrad.map((w, i) => ({
    epoch: w.epoch,
    webgradLoss: w.trainLoss,
    torchLoss: torch[i].trainLoss,
    relativeDifference: Math.abs(w.trainLoss - torch[i].trainLoss) / Math.abs(torch[i].trainLoss),
    webgradAccuracy: w.testAccuracy,
    torchAccuracy: torch[i].testAccuracy,
  }));
  const worstRelativeLoss = Math.max(...rows.map((r) => r.relativeDifference));
  const last = rows[rows.length - 1];
  const accuracyDifferencePP = Math.abs(last.webgradAccuracy - last.torchAccuracy) * 100;
  return {
    recipe, reference, rows, worstRelativeLoss, accuracyDifferencePP,
    pass: worstRelativeLoss <= LOSS_RELATIVE_TOLERANCE && accuracyDifferencePP <= ACCURACY_TOLERANCE_PP,
    webgradSecondsPerEpoch: mean(webgrad.map((e) => e.seconds)),
    torchSecondsPerEpoch: mean(torch.map((e) => e.seconds)),
  };
}

/** A Markdown table of the epochs and a verdict line. */
export function formatComparison(c: Comparison): string {
  const pct = (v: number) => `${(100 * v).toFixed(2)} %`;
  const r = c.recipe;
  const lines = [
    `${r.model} (lr ${r.lr}, batch ${r.batchSize}, ${r.epochs} epochs): webgrad wasm vs ${c.reference}`,
    '',
    '| epoch | webgrad loss | PyTorch loss | relative difference | webgrad test acc | PyTorch test acc |',
    '|---:|---:|---:|---:|---:|---:|',
    ...c.rows.map((row) =>
      `| ${row.epoch} | ${row.webgradLoss.toFixed(6)} | ${row.torchLoss.toFixed(6)} | ${row.relativeDifference.toExponential(2)} | ${pct(row.webgradAccuracy)} | ${pct(row.torchAccuracy)} |`),
    '',
    `worst loss difference ${c.worstRelativeLoss.toExponential(2)} (limit ${LOSS_RELATIVE_TOLERANCE}), ` +
      `final test accuracy difference ${c.accuracyDifferencePP.toFixed(2)} pp (limit ${ACCURACY_TOLERANCE_PP}): ` +
      `${c.pass ? 'PASS' : 'FAIL'}`,
  ];
  return lines.join('\n');
}
