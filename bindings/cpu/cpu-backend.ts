import type {
  AdamArgs, Backend, BinaryOp, BroadcastLayout, DropoutArgs, MatmulArgs, MemoryStats, SgdArgs, Storage, UnaryOp,
} from '../backend.js';
import { DisposedError } from '../errors.js';
import { dropoutWord } from './philox.js';

class CpuStorage implements Storage {
  constructor(readonly data: Float32Array) {}
  get length(): number {
    return this.data.length;
  }
}

const unaryFns: Record<UnaryOp, (x: number, alpha: number) => number> = {
  neg: (x) => -x,
  exp: (x) => Math.exp(x),
  log: (x) => Math.log(x),
  sqrt: (x) => Math.sqrt(x),
  abs: (x) => Math.abs(x),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: (x) => Math.tanh(x),
  relu: (x) => (x > 0 ? x : 0),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  pow: (x, a) => Math.pow(x, a),
  scale: (x, a) => x * a,
  shift: (x, a) => x + a,
};

const binaryFns: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  max: (a, b) => (a >= b || Number.isNaN(a) ? a : b),
  min: (a, b) => (a <= b || Number.isNaN(a) ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
};

/**
 * The reference backend: plain TypeScript, one readable loop per kernel, f64 accumulation.
 * Every other backend is tested against it.
 */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  private live = new Set<CpuStorage>();
  private isDisposed = false;

  get disposed(): boolean {
    return this.isDisposed;
  }

  private check(): void {
    if (this.isDisposed) throw new DisposedError('the cpu backend was disposed');
  }

  private d(s: Storage): Float32Array {
    return (s as CpuStorage).data;
  }

  alloc(length: number): Storage {
    this.check();
    const s = new CpuStorage(new Float32Array(length));
    this.live.add(s);
    return s;
  }

  free(storage: Storage): void {
    this.live.delete(storage as CpuStorage);
  }

  write(storage: Storage, data: Float32Array): void {
    this.check();
    this.d(storage).set(data);
  }

  async read(storage: Storage): Promise<Float32Array> {
    return this.readSync(storage);
  }

  readSync(storage: Storage): Float32Array {
    this.check();
    return this.d(storage).slice();
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

  unary(op: UnaryOp, x: Storage, out: Storage, length: number, alpha: number): void {
    const f = unaryFns[op], xs = this.d(x), ys = this.d(out);
    for (let i = 0; i < length; i++) ys[i] = f(xs[i], alpha);
  }

  binary(op: BinaryOp, a: Storage, b: Storage, out: Storage, layout: BroadcastLayout): void {
    const f = binaryFns[op], as = this.d(a), bs = this.d(b), ys = this.d(out);
    const [n0, n1, n2, n3] = layout.outShape;
    const [a0, a1, a2, a3] = layout.aStrides;
    const [b0, b1, b2, b3] = layout.bStrides;
    let o = 0;
    for (let i0 = 0; i0 < n0; i0++)
      for (let i1 = 0; i1 < n1; i1++)
        for (let i2 = 0; i2 < n2; i2++)
          for (let i3 = 0; i3 < n3; i3++) {
            const ia = i0 * a0 + i1 * a1 + i2 * a2 + i3 * a3;
            const ib = i0 * b0 + i1 * b1 + i2 * b2 + i3 * b3;
            ys[o++] = f(as[ia], bs[ib]);
          }
  }

  sum(x: Storage, out: Storage, outer: number, length: number, inner: number): void {
    const xs = this.d(x), ys = this.d(out);
    for (let o = 0; o < outer; o++)
      for (let i = 0; i < inner; i++) {
        let acc = 0;
        for (let l = 0; l < length; l++) acc += xs[(o * length + l) * inner + i];
        ys[o * inner + i] = acc;
      }
  }

  matmul(a: Storage, b: Storage, c: Storage, args: MatmulArgs): void {
    const { m, n, k, transA, transB, bias, relu } = args;
    const as = this.d(a), bs = this.d(b), cs = this.d(c), biases = bias ? this.d(bias) : null;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let acc = biases ? biases[j] : 0;
        for (let p = 0; p < k; p++) {
          const av = transA ? as[p * m + i] : as[i * k + p];
          const bv = transB ? bs[j * k + p] : bs[p * n + j];
          acc += av * bv;
        }
        cs[i * n + j] = relu && !(acc > 0) ? 0 : acc;
      }
  }

  softmax(x: Storage, out: Storage, rows: number, cols: number, log: boolean): void {
    const xs = this.d(x), ys = this.d(out);
    for (let r = 0; r < rows; r++) {
      const row = r * cols;
      let max = -Infinity;
      for (let c = 0; c < cols; c++) max = Math.max(max, xs[row + c]);
      let total = 0;
      for (let c = 0; c < cols; c++) total += Math.exp(xs[row + c] - max);
      const logTotal = Math.log(total);
      for (let c = 0; c < cols; c++) {
        const shifted = xs[row + c] - max;
        ys[row + c] = log ? shifted - logTotal : Math.exp(shifted) / total;
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
      let max = -Infinity;
      for (let c = 0; c < cols; c++) max = Math.max(max, xs[row + c]);
      let total = 0;
      for (let c = 0; c < cols; c++) total += Math.exp(xs[row + c] - max);
      const valid = Number.isInteger(label) && label >= 0 && label < cols;
      losses[r] = valid ? Math.log(total) + max - xs[row + label] : NaN;
      if (gs)
        for (let c = 0; c < cols; c++) {
          const p = Math.exp(xs[row + c] - max) / total;
          gs[row + c] = valid ? (p - (c === label ? 1 : 0)) * gradScale : NaN;
        }
    }
  }

  argmax(x: Storage, out: Storage, rows: number, cols: number): void {
    const xs = this.d(x), ys = this.d(out);
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let c = 1; c < cols; c++) if (xs[r * cols + c] > xs[r * cols + best]) best = c;
      ys[r] = best;
    }
  }

  reluBackward(y: Storage, dy: Storage, dx: Storage, length: number): void {
    const ys = this.d(y), dys = this.d(dy), dxs = this.d(dx);
    for (let i = 0; i < length; i++) dxs[i] = ys[i] > 0 ? dys[i] : 0;
  }

  dropout(x: Storage, out: Storage, length: number, args: DropoutArgs): void {
    const xs = this.d(x), ys = this.d(out);
    for (let i = 0; i < length; i++) {
      const word = dropoutWord(i, args.seedLo, args.seedHi, args.offset);
      ys[i] = word >= args.threshold ? Math.fround(xs[i] * args.scale) : 0;
    }
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
