/**
 * Running sums of the training loss and of right predictions, kept on the backend: fit() and
 * evaluate() read them once per epoch (or every `metricsEvery` steps), never inside a step.
 */
import type { Backend } from '../backend.js';
import { ShapeError, ValueError } from '../errors.js';
import * as k from '../kernels/index.js';
import { formatShape, shapeSize } from '../shape.js';
import { Tensor, tensor, tidy, zeros } from '../tensor.js';
import type { HostBatch } from '../data/dataloader.js';
import { targetsAsFloat32, type Dataset } from '../data/dataset.js';

/**
 * Checks once per data set what the correct count takes on trust each step: one integer class
 * index in [0, classes) per example.
 */
function checkClassLabels(op: string, data: Dataset, classes: number): void {
  if (shapeSize(data.targetShape) !== 1)
    throw new ShapeError(`${op}: accuracy needs one class index per example, got targets of shape ${formatShape(data.targetShape)}`);
  for (let i = 0; i < data.length; i++) {
    const label = data.y[i];
    if (!Number.isInteger(label))
      throw new ValueError(`${op}: the label of example ${i} is ${label}: labels must be integer class indices`);
    if (label < 0 || label >= classes)
      throw new ValueError(`${op}: the label of example ${i} is ${label}: out of range for ${classes} classes [0, ${classes - 1}]`);
  }
}

/** Running sums of one batch size's mean losses and, per row, of right predictions. */
interface BatchSums {
  loss: Tensor;
  correct: Tensor | null;
}

/**
 * Running sums of loss and correct predictions, kept on the backend and added to in place:
 * a step allocates only its predicted and true labels and their comparison.
 */
export class DeviceTotals {
  private readonly sums = new Map<number, BatchSums>();
  private labelsChecked = false;
  examples = 0;

  constructor(
    private readonly op: string, private readonly data: Dataset,
    private readonly backend: Backend, private readonly countCorrect: boolean,
  ) {}

  private sumsFor(size: number): BatchSums {
    let sums = this.sums.get(size);
    if (!sums) {
      const backend = this.backend;
      sums = {
        loss: zeros([], { backend }).keep(),
        correct: this.countCorrect ? zeros([size], { backend }).keep() : null,
      };
      this.sums.set(size, sums);
    }
    return sums;
  }

  /** Adds a batch's mean loss and its right predictions; call inside tidy(). */
  add(meanLoss: Tensor, output: Tensor, batch: HostBatch): void {
    const sums = this.sumsFor(batch.size);
    k.accumulate(sums.loss, meanLoss.rank === 0 ? meanLoss : meanLoss.alias([]));
    this.examples += batch.size;
    if (!sums.correct) return;
    if (output.rank !== 2 || output.shape[0] !== batch.size)
      throw new ShapeError(`${this.op}: accuracy needs outputs [${batch.size}, classes], got ${formatShape(output.shape)}`);
    if (!this.labelsChecked) {
      checkClassLabels(this.op, this.data, output.shape[1]);
      this.labelsChecked = true;
    }
    const truth = tensor(targetsAsFloat32(batch.y), [batch.size], { backend: this.backend });
    k.accumulate(sums.correct, k.binary('eq', k.argmax(output, 1), truth));
  }

  /** Totals over all batch sizes, combined on the backend: two readbacks. */
  async read(): Promise<{ loss: number; accuracy: number | null }> {
    const totals = tidy(() => {
      let loss = zeros([], { backend: this.backend }), correct = zeros([], { backend: this.backend });
      for (const [size, sums] of this.sums) {
        loss = k.binary('add', loss, k.unary('scale', sums.loss, size));
        if (sums.correct) correct = k.binary('add', correct, k.sum(sums.correct));
      }
      return this.countCorrect ? [loss, correct] : [loss];
    });
    try {
      const [loss, correct] = await Promise.all(totals.map(async (t) => (await t.data())[0]));
      return { loss: loss / this.examples, accuracy: correct === undefined ? null : correct / this.examples };
    } finally {
      for (const t of totals) t.dispose();
    }
  }

  dispose(): void {
    for (const { loss, correct } of this.sums.values()) {
      loss.dispose();
      correct?.dispose();
    }
    this.sums.clear();
  }
}

/** A batch's targets as a tensor of their shape. */
export function targetTensor(batch: HostBatch, backend: Backend): Tensor {
  return tensor(targetsAsFloat32(batch.y), batch.yShape, { backend });
}
