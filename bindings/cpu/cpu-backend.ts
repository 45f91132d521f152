import type {
  AdamArgs, ArgReduceOp, AxisLayout, Backend, BinaryOp, BroadcastLayout, DropoutArgs, GatherArgs, MatmulArgs,
  MemoryStats, ReduceOp, SgdArgs, Storage, StridedLayout, UnaryOp,
} from '../backend.js';
import { BackendError, DisposedError, ResourceLimitError, ValueError } from '../errors.js';
import { BINARY_ROWS, REDUCE_ROWS, UNARY_ROWS } from '../op-table/index.js';
import { integer, options as checkOptions } from '../validate.js';
import { dropoutWord } from './philox.js';
import { forEachIndex, indexAt } from './walk.js';

/** Most bytes one cpu storage may hold unless the backend is told otherwise: 4 GiB, what wasm32 addresses. */
export const CPU_MAX_STORAGE_BYTES = 2 ** 32;

export interface CpuBackendOptions {
  /**
   * Most bytes of one storage (default CPU_MAX_STORAGE_BYTES). A typed array is zero-filled lazily, so
   * without a bound a huge allocation would succeed and exhaust the host's memory only when touched.
   */
  maxStorageBytes?: number;
}

class CpuStorage implements Storage {
  constructor(readonly data: Float32Array) {}
  get length(): number {
    return this.data.length;
  }
}

/**
 * The reference backend: plain TypeScript, one readable loop per kernel, f64 accumulation, the op
 * table's f64 references. Every other backend is tested against it, and it implements every fused
 * kernel itself so that the defaults in bindings/fused/ are tested against it too.
 */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  readonly maxStorageBytes: number;
  private live = new Set<CpuStorage>();
  private isDisposed = false;

  constructor(options: CpuBackendOptions = {}) {
    const { maxStorageBytes = CPU_MAX_STORAGE_BYTES } = checkOptions('CpuBackend', options, ['maxStorageBytes']);
    this.maxStorageBytes = integer('CpuBackend', 'maxStorageBytes', maxStorageBytes, { min: 0 });
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  private check(): void {
    if (this.isDisposed) throw new DisposedError('the cpu backend was disposed');
  }

  private d(s: Storage): Float32Array {
    this.check();
    if (!(s instanceof CpuStorage)) throw new BackendError('cpu: the storage belongs to another backend');
    return s.data;
  }

  alloc(length: number): Storage {
    this.check();
    if (!Number.isSafeInteger(length) || length < 0)
      throw new ValueError(`cpu: a storage length must be a non-negative integer, got ${length}`);
    if (length * 4 > this.maxStorageBytes)
      throw new ResourceLimitError(
        `cpu: cannot allocate ${length} f32 (${length * 4} bytes): over the ${this.maxStorageBytes} bytes a cpu storage may hold`,
      );
    let data: Float32Array;
    try {
      data = new Float32Array(length);
    } catch (error) {
      throw new ResourceLimitError(`cpu: cannot allocate ${length} f32 (${length * 4} bytes): ${(error as Error).message}`);
    }
    const s = new CpuStorage(data);
    this.live.add(s);
    return s;
  }

  free(storage: Storage): void {
    this.live.delete(storage as CpuStorage);
  }

  write(storage: Storage, data: Float32Array): void {
    this.d(storage).set(data);
  }

  async read(storage: Storage, into?: Float32Array): Promise<Float32Array> {
    return this.readSync(storage, into);
  }

  readSync(storage: Storage, into?: Float32Array): Float32Array {
    const data = this.d(storage);
    if (!into) return data.slice();
    into.set(data);
    return into;
  }

  memoryStats(): MemoryStats {
    let bytes = 0;
    for (const s of this.live) bytes += s.data.byteLength;
    return { liveStorages: this.live.size, liveBytes: bytes, reservedBytes: bytes };
  }

  dispose(): void {
    this.live.clear();
    this.isDisposed = true;
  }

  fill(out: Storage, value: number, length: number): void {
    this.d(out).fill(value, 0, length);
  }

  copy(src: Storage, out: Storage, length: number): void {
    this.d(out).set(this.d(src).subarray(0, length));
  }

  unary(op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number, beta: number): void {
    const f = UNARY_ROWS[op].ref, xs = this.d(x), ys = this.d(out);
    for (let i = 0; i < length; i++) ys[i] = f(xs[i], alpha, beta);
  }

  binary(op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout, alpha: number, beta: number): void {
    const f = BINARY_ROWS[op].ref, as = this.d(a), bs = this.d(b), ys = this.d(out);
    let o = 0;
    forEachIndex(layout.shape, (index) => {
      ys[o++] = f(as[indexAt(index, layout.strides[0])], bs[indexAt(index, layout.strides[1])], alpha, beta);
    });
  }

  reduce(op: ReduceOp, x: Storage, out: Storage, { outer, length, inner }: AxisLayout): void {
    const { ref, init } = REDUCE_ROWS[op], xs = this.d(x), ys = this.d(out);
    for (let o = 0; o < outer; o++)
      for (let i = 0; i < inner; i++) {
        let acc = init.value;
        for (let l = 0; l < length; l++) acc = ref(acc, xs[(o * length + l) * inner + i]);
        ys[o * inner + i] = acc;
      }
  }

  argReduce(op: ArgReduceOp, x: Storage, out: Storage, { outer, length, inner }: AxisLayout): void {
    const xs = this.d(x), ys = this.d(out);
    const better = op === 'argmax' ? (v: number, best: number) => v > best : (v: number, best: number) => v < best;
    for (let o = 0; o < outer; o++)
      for (let i = 0; i < inner; i++) {
        let best = 0;
        for (let l = 0; l < length; l++) {
          const v = xs[(o * length + l) * inner + i];
          if (Number.isNaN(v)) {
            best = l;
            break;
          }
          if (better(v, xs[(o * length + best) * inner + i])) best = l;
        }
        ys[o * inner + i] = best;
      }
  }

  matmul(a: Storage, b: Storage, c: Storage, args: MatmulArgs): void {
    const { m, n, k, transA, transB, bias, relu, batch, aBatchStride, bBatchStride } = args;
    const as = this.d(a), bs = this.d(b), cs = this.d(c), biases = bias ? this.d(bias) : null;
    for (let t = 0; t < batch; t++) {
      const ao = t * aBatchStride, bo = t * bBatchStride, co = t * m * n;
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let acc = 0;
          for (let p = 0; p < k; p++) {
            const av = transA ? as[ao + p * m + i] : as[ao + i * k + p];
            const bv = transB ? bs[bo + j * k + p] : bs[bo + p * n + j];
            acc += av * bv;
          }
          if (biases) acc += biases[j];
          cs[co + i * n + j] = relu && acc < 0 ? 0 : acc;
        }
    }
  }

  stridedCopy(x: Storage, out: Storage, layout: StridedLayout): void {
    const xs = this.d(x), ys = this.d(out);
    forEachIndex(layout.shape, (index) => {
      ys[layout.outOffset + indexAt(index, layout.outStrides)] = xs[layout.inOffset + indexAt(index, layout.inStrides)];
    });
  }

  gather(x: Storage, index: Storage, out: Storage, args: GatherArgs): void {
    const xs = this.d(x), is = this.d(index), ys = this.d(out);
    const { outer, length, inner, count, indexStrides: [so, sj, si] } = args;
    let at = 0;
    for (let o = 0; o < outer; o++)
      for (let j = 0; j < count; j++)
        for (let i = 0; i < inner; i++) {
          const l = is[o * so + j * sj + i * si];
          ys[at++] = Number.isInteger(l) && l >= 0 && l < length ? xs[(o * length + l) * inner + i] : NaN;
        }
  }

  scatterAdd(src: Storage, index: Storage, out: Storage, args: GatherArgs): void {
    const ss = this.d(src), is = this.d(index), ys = this.d(out);
    const { outer, length, inner, count, indexStrides: [so, sj, si] } = args;
    let at = 0;
    for (let o = 0; o < outer; o++)
      for (let j = 0; j < count; j++)
        for (let i = 0; i < inner; i++, at++) {
          const l = is[o * so + j * sj + i * si];
          if (Number.isInteger(l) && l >= 0 && l < length) ys[(o * length + l) * inner + i] += ss[at];
        }
  }

  softmax(x: Storage, out: Storage, rows: number, cols: number, log: boolean): void {
    const xs = this.d(x), ys = this.d(out);
    for (let r = 0; r < rows; r++) {
      const { max, total } = rowStats(xs, r * cols, cols);
      for (let c = 0; c < cols; c++) {
        const shifted = xs[r * cols + c] - max;
        ys[r * cols + c] = log ? shifted - Math.log(total) : Math.exp(shifted) / total;
      }
    }
  }

  crossEntropy(
    logits: Storage, labels: Storage, loss: Storage, grad: Storage | null,
    rows: number, cols: number, gradScale: number,
  ): void {
    const xs = this.d(logits), ls = this.d(labels), losses = this.d(loss), gs = grad ? this.d(grad) : null;
    for (let r = 0; r < rows; r++) {
      const row = r * cols, label = ls[r];
      const { max, total } = rowStats(xs, row, cols);
      const valid = Number.isInteger(label) && label >= 0 && label < cols;
      losses[r] = valid ? Math.log(total) + max - xs[row + label] : NaN;
      if (gs)
        for (let c = 0; c < cols; c++) {
          const p = Math.exp(xs[row + c] - max) / total;
          gs[row + c] = valid ? (p - (c === label ? 1 : 0)) * gradScale : NaN;
        }
    }
  }

  dropout(x: Storage, out: Storage, length: number, args: DropoutArgs): void {
    const xs = this.d(x), ys = this.d(out);
    for (let i = 0; i < length; i++) {
      const word = dropoutWord(i, args.seedLo, args.seedHi, args.offset);
      ys[i] = word >= args.threshold ? Math.fround(xs[i] * args.scale) : 0;
    }
  }

  where(cond: Storage, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout): void {
    const cs = this.d(cond), as = this.d(a), bs = this.d(b), ys = this.d(out);
    const [sc, sa, sb] = layout.strides;
    let o = 0;
    forEachIndex(layout.shape, (index) => {
      ys[o++] = cs[indexAt(index, sc)] !== 0 ? as[indexAt(index, sa)] : bs[indexAt(index, sb)];
    });
  }

  sgdUpdate(param: Storage, grad: Storage, velocity: Storage | null, length: number, args: SgdArgs): void {
    const ps = this.d(param), gs = this.d(grad), vs = velocity ? this.d(velocity) : null;
    const { lr, weightDecay, momentum } = args;
    for (let i = 0; i < length; i++) {
      let g = gs[i] + weightDecay * ps[i];
      if (vs && momentum !== 0) g = vs[i] = momentum * vs[i] + g;
      ps[i] -= lr * g;
    }
  }

  adamUpdate(param: Storage, grad: Storage, m: Storage, v: Storage, length: number, args: AdamArgs): void {
    const ps = this.d(param), gs = this.d(grad), ms = this.d(m), vs = this.d(v);
    const { lr, beta1, beta2, eps, weightDecay, biasCorrection1, biasCorrection2 } = args;
    for (let i = 0; i < length; i++) {
      const g = gs[i] + weightDecay * ps[i];
      ms[i] = beta1 * ms[i] + (1 - beta1) * g;
      vs[i] = beta2 * vs[i] + (1 - beta2) * g * g;
      const mHat = ms[i] / biasCorrection1, vHat = vs[i] / biasCorrection2;
      ps[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  }
}

/** Max of a row (NaN when any element is NaN) and the sum of exp(x - max). */
function rowStats(xs: Float32Array, start: number, cols: number): { max: number; total: number } {
  let max = -Infinity;
  for (let c = 0; c < cols; c++) {
    const v = xs[start + c];
    if (v > max || Number.isNaN(v)) max = v;
    if (Number.isNaN(v)) break;
  }
  let total = 0;
  for (let c = 0; c < cols; c++) total += Math.exp(xs[start + c] - max);
  return { max, total };
}
