import type { MatmulArgs, Storage } from '../bindings/backend.js';
import { philox4x32_10 } from '../bindings/cpu/philox.js';
import { DisposedError, ResourceLimitError, ValueError } from '../bindings/errors.js';
import * as k from '../bindings/kernels/index.js';
import { tensor } from '../bindings/tensor.js';
import { createWasmBackend, WasmBackend } from '../bindings/wasm/wasm-backend.js';

// Random123's published known-answer vectors for Philox 4x32-10.
const PHILOX_KAT: { counter: number[]; key: number[]; expected: number[] }[] = [
  { counter: [0, 0, 0, 0], key: [0, 0], expected: [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
  {
    counter: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], key: [0xffffffff, 0xffffffff],
    expected: [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  },
  {
    counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], key: [0xa4093822, 0x299f31d0],
    expected: [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  },
];

let backend: WasmBackend;
beforeEach(async () => {
  backend = await createWasmBackend({ variant: 'simd', threads: 1 });
});
afterEach(() => backend.dispose());

function offsetOf(storage: ReturnType<WasmBackend['alloc']>): number {
  return backend.view(storage).byteOffset;
}

describe('Philox 4x32-10 known answers', () => {
  const hex = (words: number[]) => words.map((w) => w.toString(16).padStart(8, '0')).join(' ');
  const cases = PHILOX_KAT.map((c) => [`ctr ${hex(c.counter)} key ${hex(c.key)}`, c] as const);
  test.each(cases)('wasm entry: %s', (_name, { counter, key, expected }) => {
    expect(backend.philox(counter, key)).toEqual(expected);
  });
  test.each(cases)('cpu reference: %s', (_name, { counter, key, expected }) => {
    expect(philox4x32_10(counter, key)).toEqual(expected);
  });
});

describe('the arena', () => {
  test('reuses a freed block for a request of the same size', () => {
    const a = backend.alloc(100);
    const at = offsetOf(a);
    backend.alloc(3);
    backend.free(a);
    const b = backend.alloc(100);
    expect(offsetOf(b)).toBe(at);
  });

  test('coalesces free neighbours into one block', () => {
    const a = backend.alloc(64), b = backend.alloc(64), c = backend.alloc(64);
    const guard = backend.alloc(1);
    const at = offsetOf(a);
    backend.free(a);
    backend.free(c);
    expect(backend.freeBlockCount).toBe(2);
    backend.free(b); // joins a and c
    expect(backend.freeBlockCount).toBe(1);
    const big = backend.alloc(192);
    expect(offsetOf(big)).toBe(at);
    expect(backend.freeBlockCount).toBe(0);
    backend.free(guard);
  });

  test('hands out 16-byte aligned blocks that do not overlap', () => {
    const storages = [1, 2, 3, 5, 17, 255, 1].map((n) => backend.alloc(n));
    const ranges = storages.map((s) => [offsetOf(s), offsetOf(s) + s.length * 4]).sort((x, y) => x[0] - y[0]);
    for (const [start] of ranges) expect(start % 16).toBe(0);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThanOrEqual(ranges[i - 1][1]);
  });

  test('freeing a storage twice does not corrupt the free list', () => {
    const a = backend.alloc(32);
    backend.free(a);
    backend.free(a);
    const x = backend.alloc(32), y = backend.alloc(32);
    expect(offsetOf(x)).not.toBe(offsetOf(y));
    expect(backend.memoryStats().liveStorages).toBe(2);
    expect(() => backend.view(a)).toThrow(DisposedError);
  });

  test('growing memory keeps data intact, and views are derived afresh', () => {
    const small = backend.alloc(1000);
    const data = Float32Array.from({ length: 1000 }, (_, i) => i * 0.5 - 7);
    backend.write(small, data);
    const oldView = backend.view(small);
    const before = backend.memoryStats().reservedBytes;
    const big = backend.alloc(4 * 2 ** 20); // 16 MiB: more than the initial memory
    expect(backend.memoryStats().reservedBytes).toBeGreaterThan(before);
    expect(oldView.length).toBe(0); // detached by the growth
    expect(backend.readSync(small)).toEqual(data);
    expect(backend.view(small)).toEqual(data);
    backend.fill(big, 3, big.length);
    expect(backend.view(big)[big.length - 1]).toBe(3);
    expect(backend.readSync(small)).toEqual(data);
  });

  test('the heap stays the same size over many allocate/free cycles', () => {
    const sizes = [1, 7, 100, 784 * 256, 256, 10, 4099];
    const cycle = () => {
      const live = sizes.map((n) => backend.alloc(n));
      for (const s of live.reverse()) backend.free(s);
    };
    cycle();
    const reserved = backend.memoryStats().reservedBytes;
    for (let i = 0; i < 500; i++) cycle();
    expect(backend.memoryStats()).toEqual({ liveStorages: 0, liveBytes: 0, reservedBytes: reserved });
    expect(backend.freeBlockCount).toBeLessThanOrEqual(1);
  });

  test('a repeated training-shaped step leaves the heap and the live count unchanged', () => {
    const step = () => {
      const x = tensor(new Float32Array(64 * 30).fill(0.5), [64, 30], { backend });
      const w = tensor(new Float32Array(30 * 10).fill(0.1), [30, 10], { backend });
      const z = k.matmul(x, w, { relu: true });
      const { loss, grad } = k.crossEntropy(z, Array.from({ length: 64 }, (_, i) => i % 10), { grad: true });
      const dw = k.matmul(x, grad!, { transA: true });
      for (const t of [x, w, z, loss, grad!, dw]) t.dispose();
    };
    step();
    const stats = backend.memoryStats();
    for (let i = 0; i < 200; i++) step();
    expect(backend.memoryStats()).toEqual(stats);
  });

  test('memoryStats counts live storages and their bytes', () => {
    const a = backend.alloc(10), b = backend.alloc(3);
    expect(backend.memoryStats()).toMatchObject({ liveStorages: 2, liveBytes: 48 + 16 });
    backend.free(a);
    backend.free(b);
    expect(backend.memoryStats()).toMatchObject({ liveStorages: 0, liveBytes: 0 });
  });
});

describe('limits and lifetime', () => {
  test('an allocation over maxMemoryMiB throws ResourceLimitError naming the size, and the backend keeps working', async () => {
    const small = await createWasmBackend({ variant: 'simd', maxMemoryMiB: 8 });
    expect(() => small.alloc(4 * 2 ** 20)).toThrow(ResourceLimitError);
    expect(() => small.alloc(4 * 2 ** 20)).toThrow(/16777216 bytes/);
    const x = small.alloc(4);
    small.write(x, new Float32Array([1, 2, 3, 4]));
    expect(small.readSync(x)).toEqual(new Float32Array([1, 2, 3, 4]));
    small.dispose();
  });

  test('an allocation past what wasm32 addresses throws ResourceLimitError', () => {
    expect(() => backend.alloc(2 ** 31)).toThrow(ResourceLimitError);
  });

  test('a length that is not a non-negative integer throws ValueError and leaves the arena intact', () => {
    const before = backend.alloc(8);
    for (const length of [NaN, -1, 2.5, Infinity]) expect(() => backend.alloc(length)).toThrow(ValueError);
    const after = backend.alloc(8);
    expect(offsetOf(after)).toBeGreaterThanOrEqual(offsetOf(before) + 32);
    expect(backend.memoryStats().liveStorages).toBe(2);
  });

  test('bad options throw ValueError', async () => {
    await expect(createWasmBackend({ maxMemoryMiB: -1 })).rejects.toThrow(ValueError);
    await expect(createWasmBackend({ variant: 'gpu' as never })).rejects.toThrow(ValueError);
  });

  test('every call after dispose throws DisposedError', () => {
    const x = backend.alloc(4);
    backend.dispose();
    expect(backend.disposed).toBe(true);
    expect(() => backend.alloc(4)).toThrow(DisposedError);
    expect(() => backend.fill(x, 1, 4)).toThrow(DisposedError);
    expect(() => backend.readSync(x)).toThrow(DisposedError);
    expect(() => backend.free(x)).not.toThrow();
  });
});

describe('failed growth leaves the heap consistent', () => {
  const MiB = 2 ** 20;
  let limited: WasmBackend;
  beforeEach(async () => {
    limited = await createWasmBackend({ variant: 'simd', maxMemoryMiB: 64 });
  });
  afterEach(() => limited.dispose());

  /** Allocates 64 KiB storages until the limit refuses one; what is left free is under 64 KiB. */
  function fillToLimit(): Storage[] {
    const filler: Storage[] = [];
    for (;;) {
      try {
        filler.push(limited.alloc(16384));
      } catch (error) {
        expect(error).toBeInstanceOf(ResourceLimitError);
        return filler;
      }
    }
  }

  function matmulArgs(m: number, n: number, kk: number): MatmulArgs {
    return { m, n, k: kk, transA: false, transB: false, bias: null, relu: false, batch: 1, aBatchStride: 0, bBatchStride: 0 };
  }

  test('a refused allocation keeps the free block at the top of the heap', () => {
    const first = limited.alloc(4 * MiB); // 16 MiB
    const at = limited.view(first).byteOffset;
    limited.free(first);
    expect(limited.freeBlockCount).toBe(1);
    for (let i = 0; i < 4; i++) {
      expect(() => limited.alloc(32 * MiB)).toThrow(ResourceLimitError); // 128 MiB
      expect(limited.freeBlockCount).toBe(1);
    }
    const again = limited.alloc(4 * MiB);
    expect(limited.view(again).byteOffset).toBe(at);
    expect(limited.freeBlockCount).toBe(0);
    expect(limited.memoryStats()).toMatchObject({ liveStorages: 1, liveBytes: 16 * MiB });
  });

  test('a matmul whose scratch cannot grow leaves no storage sharing the old scratch', () => {
    const small = 8;
    const a8 = limited.alloc(small * small), b8 = limited.alloc(small * small), c8 = limited.alloc(small * small);
    const a8v = Float32Array.from({ length: small * small }, (_, i) => (i % 5) - 2);
    const b8v = Float32Array.from({ length: small * small }, (_, i) => (i % 3) - 1);
    limited.write(a8, a8v);
    limited.write(b8, b8v);
    const expected8 = new Float32Array(small * small);
    for (let i = 0; i < small; i++)
      for (let j = 0; j < small; j++)
        for (let p = 0; p < small; p++) expected8[i * small + j] += a8v[i * small + p] * b8v[p * small + j];
    limited.matmul(a8, b8, c8, matmulArgs(small, small, small));
    expect(limited.readSync(c8)).toEqual(expected8);

    const m = 128, n = 1024, kk = 256;
    const a = limited.alloc(m * kk), b = limited.alloc(kk * n), c = limited.alloc(m * n);
    limited.fill(a, 0.5, m * kk);
    limited.fill(b, 2, kk * n);
    const filler = fillToLimit();
    expect(() => limited.matmul(a, b, c, matmulArgs(m, n, kk))).toThrow(ResourceLimitError);
    for (const s of filler) limited.free(s);

    const t = limited.alloc(128);
    limited.fill(t, 7, 128);
    limited.fill(c8, 0, small * small);
    limited.matmul(a8, b8, c8, matmulArgs(small, small, small));
    expect(limited.readSync(c8)).toEqual(expected8);
    expect(limited.readSync(t)).toEqual(new Float32Array(128).fill(7));

    // With the filler gone the large product fits, and growing the scratch again frees nothing twice.
    limited.matmul(a, b, c, matmulArgs(m, n, kk));
    const product = limited.readSync(c);
    expect(product.every((v) => v === kk)).toBe(true);
    expect(limited.readSync(t)).toEqual(new Float32Array(128).fill(7));
    const x = limited.alloc(1000), y = limited.alloc(1000);
    const [lo, hi] = [limited.view(x).byteOffset, limited.view(y).byteOffset].sort((p, q) => p - q);
    expect(hi).toBeGreaterThanOrEqual(lo + 4000);
    expect(limited.memoryStats().liveStorages).toBe(9);
  });
});

describe('tensors on the wasm backend', () => {
  test('view is a zero-copy window on a tensor', () => {
    const t = tensor([1, 2, 3, 4], [2, 2], { backend });
    backend.view(t.storage)[3] = 40;
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 40]);
    t.dispose();
  });

  test('a training-shaped matmul with bias and ReLU matches a direct loop', () => {
    const m = 5, n = 9, kk = 13;
    const av = Float32Array.from({ length: m * kk }, (_, i) => Math.sin(i));
    const bv = Float32Array.from({ length: kk * n }, (_, i) => Math.cos(i));
    const biasv = Float32Array.from({ length: n }, (_, i) => i / 10 - 0.4);
    const a = tensor(av, [m, kk], { backend }), b = tensor(bv, [kk, n], { backend });
    const bias = tensor(biasv, [n], { backend });
    const c = k.matmul(a, b, { bias, relu: true }).dataSync();
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let acc = biasv[j];
        for (let p = 0; p < kk; p++) acc += av[i * kk + p] * bv[p * n + j];
        expect(c[i * n + j]).toBeCloseTo(Math.max(acc, 0), 5);
      }
  });
});

describe('the SIMD exp', () => {
  test('exp and sigmoid are within 1e-6 relative down to e^-87, and exp is below 1.7e-38 under it', () => {
    const n = 20001;
    const xs = Float32Array.from({ length: n }, (_, i) => -103 + (191.7 * i) / (n - 1));
    const x = backend.alloc(n), y = backend.alloc(n);
    backend.write(x, xs);
    for (const [op, f] of [['exp', Math.exp], ['sigmoid', (v: number) => 1 / (1 + Math.exp(-v))]] as const) {
      backend.unary(op, x, y, n, 0, 0);
      const ys = backend.readSync(y);
      let worst = 0;
      for (let i = 0; i < n; i++) {
        const want = f(xs[i]);
        if (op === 'exp' && xs[i] < -87) expect(ys[i]).toBeLessThan(1.7e-38); // flushed to 0 below e^-87
        else if (want >= 1.2e-38 && want <= 3.4e38) worst = Math.max(worst, Math.abs(ys[i] - want) / want);
      }
      expect(worst).toBeLessThan(1e-6);
    }
  });

  test('exp of infinities, NaN and the ends of the range', () => {
    const inputs = [Infinity, -Infinity, NaN, 89, -87.4, -104, 0];
    const x = backend.alloc(inputs.length), y = backend.alloc(inputs.length);
    backend.write(x, Float32Array.from(inputs));
    backend.unary('exp', x, y, inputs.length, 0, 0);
    expect(Array.from(backend.readSync(y))).toEqual([Infinity, 0, NaN, Infinity, 0, 0, 1]);
  });
});
