/**
 * The training loop (d2l's train_ch3): epochs of minibatch SGD with the mean training loss,
 * training accuracy and test accuracy of each epoch. Metrics accumulate on the backend and are
 * read once per epoch (or every `metricsEvery` steps), so a WebGPU step never waits on a readback.
 * Each step runs inside tidy(): a run of any length holds a constant number of tensors.
 */
import type { Backend } from '../backend.js';
import { backward, noGrad, crossEntropy, squaredLoss, mseLoss } from '../autograd/index.js';
import { ValueError } from '../errors.js';
import type { Optimizer } from '../optim/optimizer.js';
import { Tensor, tensor, tidy } from '../tensor.js';
import { DataLoader, type HostBatch } from '../data/dataloader.js';
import type { Dataset } from '../data/dataset.js';
import { checkDataset } from '../data/dataset.js';
import { describe, integer, options as checkOptions } from '../validate.js';
import { DeviceTotals, targetTensor } from './device-totals.js';
import { formatEpoch } from './format.js';
import { ProgressBar, type TextStream } from './progress.js';

export { formatEpoch } from './format.js';

/** What fit() needs of a model: nn's Module has all of it. */
export interface Model {
  forward(x: Tensor): Tensor;
  parameters(): Tensor[];
  /** Switch to training / evaluation behaviour (dropout). */
  train?(mode?: boolean): unknown;
  eval?(): unknown;
}

/** What fit() needs of an optimiser: every optim.Optimizer has it. */
export type StepOptimizer = Pick<Optimizer, 'step' | 'zeroGrad'>;

/**
 * A loss on a batch: a one-element tensor, the mean over the batch's examples. The batch's
 * arrays are reused for the next batch, so read them during the call, not later.
 */
export type LossFunction = (output: Tensor, batch: HostBatch, target: () => Tensor) => Tensor;

export type LossName = 'cross-entropy' | 'squared' | 'mse';

export interface EpochMetrics {
  /** 1-based. */
  readonly epoch: number;
  /** Mean loss over the epoch's training examples (as the model was while it trained on them). */
  readonly trainLoss: number;
  /** Fraction of training examples classified right during the epoch; null for regression. */
  readonly trainAccuracy: number | null;
  /** Mean loss on the test set after the epoch; null without test data. */
  readonly testLoss: number | null;
  readonly testAccuracy: number | null;
  readonly steps: number;
  /** Wall time of the epoch, test evaluation included. */
  readonly seconds: number;
  /** Wall time of the epoch's training steps alone (seconds less the test evaluation). */
  readonly trainSeconds: number;
}

export interface FitOptions {
  /** At least one example. */
  trainData: Dataset;
  /** Evaluated after every epoch; leave it out for no test metrics (an empty one is an error). */
  testData?: Dataset;
  epochs: number;
  batchSize: number;
  optimizer: StepOptimizer;
  /** Default: cross-entropy for class-index targets, squared loss ((ŷ−y)²/2) for real ones. */
  loss?: LossName | LossFunction;
  /** Where the batches go; default the backend of the model's first parameter. */
  backend?: Backend;
  /** Seed of the per-epoch shuffle (DataLoader). */
  seed?: number;
  shuffle?: boolean;
  /** Count correct predictions (argmax vs label); default: when targets are class indices. */
  accuracy?: boolean;
  onEpoch?: (metrics: EpochMetrics, history: readonly EpochMetrics[]) => void | Promise<void>;
  /**
   * A plot.Animator to add each epoch to, as d2l's train_ch3 does: (epoch, [train loss, train acc,
   * test acc]) for class targets, (epoch, [train loss, test loss]) for real ones; a missing value is null.
   */
  animator?: { add(x: number, ys: readonly (number | null)[]): void };
  /** Draws a progress bar (on a terminal) and prints a line per epoch. */
  progress?: TextStream;
  /** Read the running loss every n steps for the progress bar; 0 (default) reads only at epoch end. */
  metricsEvery?: number;
  /** Label of the progress output. */
  label?: string;
}

export interface FitResult {
  history: EpochMetrics[];
}

function resolveLoss(loss: FitOptions['loss'], classification: boolean): LossFunction {
  const name = loss ?? (classification ? 'cross-entropy' : 'squared');
  if (typeof name === 'function') return name;
  switch (name) {
    case 'cross-entropy':
      return (output, batch) => crossEntropy(output, batch.y);
    case 'squared':
      return (output, _batch, target) => squaredLoss(output, target(), { reduction: 'mean' });
    case 'mse':
      return (output, _batch, target) => mseLoss(output, target());
    default:
      throw new ValueError(`fit: unknown loss '${String(name)}' (cross-entropy, squared, mse or a function)`);
  }
}

function nonEmpty(op: string, what: string, data: Dataset): void {
  checkDataset(op, data);
  if (!(data.length > 0)) throw new ValueError(`${op}: ${what} is empty (${String(data?.length)} examples)`);
}

/** Mean loss and accuracy of the model on a data set (evaluation mode, no gradients). */
export async function evaluate(
  model: Model, data: Dataset,
  options: { batchSize?: number; loss?: LossName | LossFunction; accuracy?: boolean; backend?: Backend } = {},
): Promise<{ loss: number; accuracy: number | null }> {
  nonEmpty('evaluate', 'the data set', data);
  const classification = data.targetShape.length === 0;
  const backend = options.backend ?? modelBackend(model);
  const lossFn = resolveLoss(options.loss, classification);
  const loader = new DataLoader(data, { batchSize: options.batchSize ?? 256, shuffle: false, reuseBuffers: true });
  const totals = new DeviceTotals('evaluate', data, backend, options.accuracy ?? classification);
  const wasTraining = (model as { training?: unknown }).training === true;
  model.eval?.();
  try {
    noGrad(() => {
      for (const batch of loader.batches(0))
        tidy(() => {
          const output = model.forward(tensor(batch.x, batch.xShape, { backend }));
          totals.add(lossFn(output, batch, () => targetTensor(batch, backend)), output, batch);
        });
    });
    return await totals.read();
  } finally {
    totals.dispose();
    if (wasTraining) model.train?.();
  }
}

function modelBackend(model: Model): Backend {
  const [first] = model.parameters();
  if (!first) throw new ValueError('fit: the model has no parameters; pass options.backend');
  return first.backend;
}

const FIT_OPTIONS: readonly (keyof FitOptions)[] = [
  'trainData', 'testData', 'epochs', 'batchSize', 'optimizer', 'loss', 'backend', 'seed', 'shuffle', 'accuracy', 'onEpoch',
  'animator', 'progress', 'metricsEvery', 'label',
];

export async function fit(model: Model, options: FitOptions): Promise<FitResult> {
  checkOptions('fit', options, FIT_OPTIONS);
  if (!model || typeof (model as Partial<Model>).forward !== 'function') throw new ValueError(`fit: model must have forward(), got ${describe(model)}`);
  const { trainData, testData, optimizer, onEpoch, progress, animator } = options;
  if (animator !== undefined && typeof animator?.add !== 'function') throw new ValueError('fit: animator must have add(x, ys) (a plot.Animator)');
  nonEmpty('fit', 'trainData', trainData);
  if (testData !== undefined) nonEmpty('fit', 'testData', testData);
  const epochs = integer('fit', 'epochs', options.epochs, { min: 1 });
  const batchSize = integer('fit', 'batchSize', options.batchSize, { min: 1 });
  const metricsEvery = integer('fit', 'metricsEvery', options.metricsEvery ?? 0, { min: 0 });
  if (!optimizer || typeof optimizer.step !== 'function' || typeof optimizer.zeroGrad !== 'function')
    throw new ValueError('fit: optimizer must have step() and zeroGrad()');
  if (testData && testData.exampleShape.join() !== trainData.exampleShape.join())
    throw new ValueError(`fit: test examples [${testData.exampleShape}] differ from training examples [${trainData.exampleShape}]`);
  const classification = trainData.targetShape.length === 0;
  const countCorrect = options.accuracy ?? classification;
  const lossFn = resolveLoss(options.loss, classification);
  const backend = options.backend ?? modelBackend(model);
  const loader = new DataLoader(trainData, {
    batchSize, seed: options.seed ?? 0, shuffle: options.shuffle ?? true, reuseBuffers: true,
  });
  const bar = progress ? new ProgressBar(progress) : null;
  const label = options.label ?? 'epoch';
  const history: EpochMetrics[] = [];

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = performance.now();
    const totals = new DeviceTotals('fit', trainData, backend, countCorrect);
    let step = 0;
    let running = '';
    bar?.start();
    model.train?.();
    try {
      for (const batch of loader.batches(epoch - 1)) {
        tidy(() => {
          const output = model.forward(tensor(batch.x, batch.xShape, { backend }));
          const loss = lossFn(output, batch, () => targetTensor(batch, backend));
          if (loss.size !== 1) throw new ValueError(`fit: the loss must have one element, got shape [${loss.shape}]`);
          optimizer.zeroGrad();
          backward(loss);
          optimizer.step();
          noGrad(() => totals.add(loss, output, batch));
        });
        // Backpressure: without a readback nothing else stops the host queuing steps faster than the device runs them.
        if (backend.throttle) await backend.throttle();
        step++;
        if (bar && metricsEvery > 0 && step % metricsEvery === 0)
          running = ` loss ${(await totals.read()).loss.toFixed(4)}`;
        bar?.update(`${label} ${epoch}/${epochs}${running}`, step, loader.length);
      }
      const train = await totals.read();
      const trainSeconds = (performance.now() - started) / 1000;
      const test = testData ? await evaluate(model, testData, { batchSize, loss: lossFn, accuracy: countCorrect, backend }) : null;
      const metrics: EpochMetrics = {
        epoch, trainLoss: train.loss, trainAccuracy: train.accuracy,
        testLoss: test ? test.loss : null, testAccuracy: test ? test.accuracy : null,
        steps: step, seconds: (performance.now() - started) / 1000, trainSeconds,
      };
      history.push(metrics);
      bar?.line(formatEpoch(metrics, epochs, label));
      animator?.add(epoch, classification ? [metrics.trainLoss, metrics.trainAccuracy, metrics.testAccuracy] : [metrics.trainLoss, metrics.testLoss]);
      await onEpoch?.(metrics, history);
    } finally {
      totals.dispose();
    }
  }
  return { history };
}
