/**
 * Minibatches over a Dataset or a TensorDataset: a seeded shuffle per epoch, the last partial batch kept.
 * The order of every epoch is a pure function of (length, seed, epoch), exported by
 * epochPermutation() so another framework can replay exactly the same batches.
 *
 * Iterated as PyTorch's DataLoader: `for (const [X, y] of loader)` is one epoch (the next loop the next
 * epoch, reshuffled); `for await (const [X, y] of loader)` is the same and lets the event loop run between
 * batches (a page stays responsive; tensors dropped without dispose() are collected).
 */
import type { Backend } from '../backend.js';
import { ValueError } from '../errors.js';
import { shapeSize } from '../shape.js';
import { defaultBackend, Tensor, tensor } from '../tensor.js';
import * as k from '../kernels/index.js';
import { defaultRandomSource } from '../init/random.js';
import { checkDataset, gather, targetsAsFloat32, type Dataset, type TargetArray } from './dataset.js';
import { RandomStream } from '../random.js';
import { TensorDataset } from './tensor-dataset.js';
import { backendArgument, boolean, describe, integer, options as checkOptions, seed as checkSeed } from '../validate.js';

const LOADER_OPTIONS = ['batchSize', 'shuffle', 'seed', 'dropLast', 'reuseBuffers', 'backend'] as const;

export interface DataLoaderOptions {
  /** Examples per batch (default 1, as in PyTorch). */
  batchSize?: number;
  /** Visit examples in a new seeded random order each epoch (default true). */
  shuffle?: boolean;
  /** Seed of the shuffles; default one drawn from the default random source (manualSeed() fixes it). */
  seed?: number;
  /** Drop the last batch when it is smaller than batchSize (default false: keep it). */
  dropLast?: boolean;
  /**
   * Fill the same x and y arrays for every batch instead of allocating new ones (default false).
   * A batch's arrays are then valid only until the next batch is drawn: for a loop that uploads
   * or consumes each batch before drawing the next, as fit() does.
   */
  reuseBuffers?: boolean;
  /** Where iterating a host Dataset puts the batch tensors; default the default backend. */
  backend?: Backend;
}

export interface HostBatch<Y extends TargetArray = TargetArray> {
  /** Examples in this batch. */
  readonly size: number;
  /** Features, [size, ...xShape]. */
  readonly x: Float32Array;
  readonly xShape: readonly number[];
  /** Targets, [size, ...yShape]; class indices keep the data set's integer type. */
  readonly y: Y;
  readonly yShape: readonly number[];
  /** Which examples of the data set, in order. */
  readonly indices: Uint32Array;
}

export interface TensorBatch<Y extends TargetArray = TargetArray> extends HostBatch<Y> {
  /** The features on the backend. */
  readonly xTensor: Tensor;
  /** The targets on the backend, as f32. */
  readonly yTensor: Tensor;
}

/**
 * The order in which an epoch visits a data set of `length` examples: a Fisher-Yates
 * permutation from the Philox stream (seed, epoch).
 */
export function epochPermutation(length: number, seed: number, epoch: number): Uint32Array {
  // Uint32Array indices: at most 2^32 examples.
  integer('epochPermutation', 'length', length, { min: 0, max: 2 ** 32 });
  checkSeed('epochPermutation', seed);
  checkEpoch('epochPermutation', epoch);
  return new RandomStream(seed, epoch).permutation(length);
}

function checkEpoch(fn: string, epoch: number): void {
  integer(fn, 'epoch', epoch, { min: 0, max: 0xffffffff });
}

export class DataLoader<Y extends TargetArray = TargetArray> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly dropLast: boolean;
  readonly reuseBuffers: boolean;
  /** The TensorDataset given, or null for a host Dataset. */
  readonly tensorDataset: TensorDataset | null;
  private readonly backend: Backend | null;
  private hostData: Dataset<Y> | null;
  /** The epoch the next `for … of` visits. */
  epoch = 0;

  /**
   * Batches over `data` (a host Dataset or a TensorDataset); every option has a default (batchSize 1,
   * shuffled, a seed from the default random source, last batch kept).
   */
  constructor(data: Dataset<Y> | TensorDataset, options: DataLoaderOptions = {}) {
    if (data instanceof TensorDataset) this.tensorDataset = data;
    else {
      checkDataset('DataLoader', data);
      this.tensorDataset = null;
    }
    this.hostData = data instanceof TensorDataset ? null : (data as Dataset<Y>);
    const { batchSize = 1, shuffle = true, seed, dropLast = false, reuseBuffers = false, backend = null } =
      checkOptions('DataLoader', options, LOADER_OPTIONS);
    this.batchSize = integer('DataLoader', 'batchSize', batchSize, { min: 1 });
    this.shuffle = boolean('DataLoader', 'shuffle', shuffle);
    this.seed = seed === undefined ? defaultRandomSource().below(2 ** 32) : checkSeed('DataLoader', seed);
    this.dropLast = boolean('DataLoader', 'dropLast', dropLast);
    this.reuseBuffers = boolean('DataLoader', 'reuseBuffers', reuseBuffers);
    this.backend = backend === null ? null : backendArgument('DataLoader', 'options.backend', backend);
  }

  /** The host Dataset; for a TensorDataset, its tensors read back once (cpu and wasm only). */
  get data(): Dataset<Y> {
    this.hostData ??= this.tensorDataset!.toDataset() as unknown as Dataset<Y>;
    return this.hostData;
  }

  /** Examples in the data set. */
  private get examples(): number {
    return this.tensorDataset ? this.tensorDataset.length : this.data.length;
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.examples / this.batchSize;
    return this.dropLast ? Math.floor(n) : Math.ceil(n);
  }

  /** Examples visited per epoch. */
  get examplesPerEpoch(): number {
    return this.dropLast ? this.length * this.batchSize : this.examples;
  }

  /** The example indices epoch `epoch` visits, in order (batch i is order[i*batchSize …]). */
  order(epoch: number): Uint32Array {
    checkEpoch('DataLoader.order', epoch);
    if (this.shuffle) return epochPermutation(this.examples, this.seed, epoch);
    return Uint32Array.from({ length: this.examples }, (_, i) => i);
  }

  /**
   * One epoch's batches as tensors, `[X, y]` (one tensor per stored tensor of a TensorDataset), the
   * epoch after the last one iterated. Drawing a batch disposes the one before it, and the last one is
   * disposed when the epoch ends: call keep() on any held longer. A loop left early (break,
   * `const [[X, y]] = loader`) leaves its current batch alive.
   */
  *[Symbol.iterator](): Generator<Tensor[]> {
    yield* this.epochBatches(this.epoch++);
  }

  /** The same batches as `for … of`, the event loop running between two batches. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Tensor[]> {
    for (const batch of this.epochBatches(this.epoch++)) {
      yield batch;
      await nextTask();
    }
  }

  private *epochBatches(epoch: number): Generator<Tensor[]> {
    let previous: Tensor[] = [];
    const release = () => {
      for (const t of previous) if (!t.kept && !t.disposed) t.dispose();
      previous = [];
    };
    const order = this.order(epoch);
    const backend = this.tensorDataset ? null : (this.backend ?? defaultBackend());
    const hostBatches = this.tensorDataset ? null : this.batches(epoch);
    for (let b = 0; b < this.length; b++) {
      release();
      if (hostBatches) {
        const batch = hostBatches.next().value as HostBatch<Y>;
        const x = tensor(batch.x, batch.xShape, { backend: backend! });
        previous = [x];
        previous.push(tensor(targetsAsFloat32(batch.y), batch.yShape, { backend: backend! }));
      } else {
        const indices = order.subarray(b * this.batchSize, Math.min((b + 1) * this.batchSize, order.length));
        for (const t of this.tensorDataset!.tensors) previous.push(k.indexSelect(t, 0, indices));
      }
      yield previous;
    }
    release();
  }

  /**
   * The batches of one epoch as host arrays. Each batch owns its arrays unless the loader was
   * made with reuseBuffers, in which case they are overwritten when the next batch is drawn.
   */
  *batches(epoch = 0): Generator<HostBatch<Y>> {
    const order = this.order(epoch);
    const xSize = shapeSize(this.data.exampleShape), ySize = shapeSize(this.data.targetShape);
    const yKind = this.data.y.constructor as new (n: number) => Y;
    const full = Math.min(this.batchSize, order.length);
    const xShared = this.reuseBuffers ? new Float32Array(full * xSize) : null;
    const yShared = this.reuseBuffers ? new yKind(full * ySize) : null;
    for (let b = 0; b < this.length; b++) {
      const start = b * this.batchSize, end = Math.min(start + this.batchSize, order.length);
      const size = end - start;
      const x = xShared ? xShared.subarray(0, size * xSize) : new Float32Array(size * xSize);
      const y = yShared ? (yShared.subarray(0, size * ySize) as Y) : new yKind(size * ySize);
      gather(this.data, order, start, end, x, y);
      yield {
        size, x, xShape: [size, ...this.data.exampleShape], y, yShape: [size, ...this.data.targetShape],
        // order is this epoch's own array and is never written again, so a view is safe to hold.
        indices: order.subarray(start, end),
      };
    }
  }

  /**
   * The batches of one epoch uploaded to `backend`. Each batch's tensors are disposed when the
   * next batch is drawn (and when the loop ends), so call keep() on any you hold longer.
   */
  *tensorBatches(backend: Backend, epoch = 0): Generator<TensorBatch<Y>> {
    let previous: Tensor[] = [];
    const release = () => {
      for (const t of previous) if (!t.kept) t.dispose();
      previous = [];
    };
    try {
      for (const batch of this.batches(epoch)) {
        release();
        const xTensor = tensor(batch.x, batch.xShape, { backend });
        const yTensor = tensor(targetsAsFloat32(batch.y), batch.yShape, { backend });
        previous = [xTensor, yTensor];
        yield { ...batch, xTensor, yTensor };
      }
    } finally {
      release();
    }
  }
}

/** Resolves in a later task: setImmediate where there is one, else a MessageChannel message (not clamped as timers are). */
function nextTask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => void immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

/** Every epoch's visiting order for `epochs` epochs: what a replay in another framework needs. */
export function batchOrders(loader: DataLoader, epochs: number): Uint32Array[] {
  if (!(loader instanceof DataLoader)) throw new ValueError(`batchOrders: loader must be a DataLoader, got ${describe(loader)}`);
  integer('batchOrders', 'epochs', epochs, { min: 0 });
  return Array.from({ length: epochs }, (_, epoch) => loader.order(epoch));
}
