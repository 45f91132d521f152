/** What a training run leaves on disk (Node only): curves.svg, metrics.json, model.safetensors. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { trainingCurvesSvg } from '../curves.js';
import type { EpochMetrics } from '../fit.js';
import type { NamedTensors } from '../weights.js';
import { saveWeightsFile } from './weights-file.js';

export interface RunOutputs {
  history: readonly EpochMetrics[];
  /** Parameters by name; omitted: no weights file. */
  weights?: NamedTensors;
  title?: string;
  /** Stored in metrics.json and in the weights file's metadata (values as strings there). */
  config?: Record<string, string | number | boolean | null>;
}

export interface RunFiles {
  curves: string;
  metrics: string;
  weights: string | null;
}

export async function writeRunOutputs(dir: string, run: RunOutputs): Promise<RunFiles> {
  await mkdir(dir, { recursive: true });
  const files: RunFiles = {
    curves: join(dir, 'curves.svg'),
    metrics: join(dir, 'metrics.json'),
    weights: run.weights ? join(dir, 'model.safetensors') : null,
  };
  await writeFile(files.curves, trainingCurvesSvg(run.history, run.title));
  await writeFile(files.metrics, JSON.stringify({ config: run.config ?? {}, epochs: run.history }, null, 2) + '\n');
  if (run.weights && files.weights) {
    const metadata = Object.fromEntries(Object.entries(run.config ?? {}).map(([k, v]) => [k, String(v)]));
    await saveWeightsFile(files.weights, run.weights, metadata);
  }
  return files;
}
