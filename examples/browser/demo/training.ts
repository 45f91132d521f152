/**
 * The d2l MLP (section 4.3: 784 → 256 → ReLU → 10) trained on Fashion-MNIST in the page with
 * minibatch SGD. Loss and right answers add up on the backend; the page reads them a few times an
 * epoch, to draw the chart and to give the user's events a turn.
 */
import {
  DataLoader, Linear, ReLU, SGD, Sequential, argmax, correctCount, crossEntropy, evaluate, init, kernels, noGrad,
  tensor, tidy, zeros, type Backend, type Dataset, type Tensor,
} from 'webgrad';

export interface TrainingSettings {
  epochs: number;
  batchSize: number;
  lr: number;
  seed: number;
  /** Chart points per epoch (each one reads the running loss back). */
  readsPerEpoch: number;
}

/** The running figures of the epoch so far; `epoch` is fractional (1.5: half-way through the 2nd). */
export interface ProgressPoint {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  imagesPerSecond: number;
}

export interface EpochResult {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  /** Training images per second over the epoch (evaluation not included). */
  imagesPerSecond: number;
}

export interface TrainingEvents {
  onProgress(point: ProgressPoint): void;
  onEpoch(result: EpochResult): void | Promise<void>;
  /** Polled between steps: true ends the run after the current step. */
  stopRequested(): boolean;
}

/** d2l's MLP with its initialisation: weights N(0, 0.01²), biases 0. Parameter names 0.weight … 2.bias. */
export function createMlp(backend: Backend, seed: number): Sequential {
  const options = { backend, seed, init: { weight: init.normal(0.01), bias: init.zeros() } };
  return new Sequential(new Linear(784, 256, options), new ReLU(), new Linear(256, 10, options));
}

/** Lets the browser paint and handle clicks before the next steps. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Sums of the loss (times the batch size) and of right answers over an epoch, on the backend. */
class RunningTotals {
  readonly loss: Tensor;
  readonly correct: Tensor;
  images = 0;

  constructor(backend: Backend) {
    this.loss = zeros([], { backend });
    this.correct = zeros([], { backend });
  }

  /** Call inside tidy(). */
  add(loss: Tensor, logits: Tensor, labels: Uint8Array, size: number): void {
    noGrad(() => {
      kernels.accumulate(this.loss, loss.mul(size));
      kernels.accumulate(this.correct, correctCount(logits, labels));
    });
    this.images += size;
  }

  async read(): Promise<{ loss: number; accuracy: number }> {
    const [loss] = await this.loss.data();
    const [correct] = await this.correct.data();
    return { loss: loss / this.images, accuracy: correct / this.images };
  }

  dispose(): void {
    this.loss.dispose();
    this.correct.dispose();
  }
}

/** Trains `model` for settings.epochs epochs (fewer when stopped); returns one result per finished epoch. */
export async function trainMlp(
  model: Sequential, backend: Backend, train: Dataset<Uint8Array>, test: Dataset<Uint8Array>,
  settings: TrainingSettings, events: TrainingEvents,
): Promise<EpochResult[]> {
  const optimizer = new SGD(model.parameters(), { lr: settings.lr });
  const loader = new DataLoader(train, { batchSize: settings.batchSize, seed: settings.seed, reuseBuffers: true });
  const readEvery = Math.max(1, Math.ceil(loader.length / settings.readsPerEpoch));
  const results: EpochResult[] = [];
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    const totals = new RunningTotals(backend);
    const started = performance.now();
    let step = 0;
    try {
      for (const batch of loader.batches(epoch - 1)) {
        tidy(() => {
          const logits = model.forward(tensor(batch.x, batch.xShape, { backend }));
          const loss = crossEntropy(logits, batch.y);
          optimizer.zeroGrad();
          loss.backward();
          optimizer.step();
          totals.add(loss, logits, batch.y, batch.size);
        });
        step++;
        if (step % readEvery === 0 || step === loader.length) {
          const { loss, accuracy } = await totals.read();
          const seconds = (performance.now() - started) / 1000;
          events.onProgress({
            epoch: epoch - 1 + step / loader.length, trainLoss: loss, trainAccuracy: accuracy,
            imagesPerSecond: totals.images / seconds,
          });
          await nextTask();
        }
        if (events.stopRequested()) return results;
      }
      const { loss, accuracy } = await totals.read();
      const imagesPerSecond = totals.images / ((performance.now() - started) / 1000);
      const tested = await evaluate(model, test, { batchSize: 256, backend });
      const result = {
        epoch, trainLoss: loss, trainAccuracy: accuracy,
        testLoss: tested.loss, testAccuracy: tested.accuracy ?? NaN, imagesPerSecond,
      };
      results.push(result);
      await events.onEpoch(result);
    } finally {
      totals.dispose();
    }
  }
  return results;
}

/** The model's predicted class of each of `count` images (rows of 784 pixels in `x`). */
export async function predict(model: Sequential, backend: Backend, x: Float32Array, count: number): Promise<Uint8Array> {
  const predicted = noGrad(() => tidy(() => argmax(model.forward(tensor(x.subarray(0, count * 784), [count, 784], { backend })), 1)));
  try {
    return Uint8Array.from(await predicted.data());
  } finally {
    predicted.dispose();
  }
}
