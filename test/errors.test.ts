import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { DisposedError, ShapeError, ValueError, BackendError, ResourceLimitError } from '../bindings/errors.js';
import * as k from '../bindings/kernels/index.js';
import { liveTensorCount, tensor, zeros } from '../bindings/tensor.js';
import type { Backend } from '../bindings/backend.js';
import { createWasmBackend } from '../bindings/wasm/wasm-backend.js';

const backends: [string, Backend][] = [['cpu', new CpuBackend()], ['wasm', await createWasmBackend()]];

describe.each(backends)('bad input on %s gets a typed error that names the problem', (_name, backend) => {
  const t = (shape: number[]) => zeros(shape, { backend });

  test('matmul with mismatched inner dimensions', () => {
    expect(() => k.matmul(t([2, 3]), t([4, 5]))).toThrow(ShapeError);
    expect(() => k.matmul(t([2, 3]), t([4, 5]))).toThrow(/\[2, 3\].*\[4, 5\]/);
    expect(() => k.matmul(t([3, 2]), t([3, 5]), { transA: true })).not.toThrow();
    expect(() => k.matmul(t([2, 3]), t([5, 3]), { transB: true })).not.toThrow();
  });

  test('matmul on non-2-d operands and a wrong bias', () => {
    expect(() => k.matmul(t([3]), t([3, 5]))).toThrow(/rank 2 or more/);
    expect(() => k.matmul(t([2, 3, 1]), t([3, 5]))).toThrow(/inner dimensions differ/);
    expect(() => k.matmul(t([2, 3]), t([3, 5]), { bias: t([4]) })).toThrow(/bias must have shape \[5\]/);
  });

  test('non-integer, negative and non-numeric dimensions', () => {
    expect(() => t([2.5, 3])).toThrow(ShapeError);
    expect(() => t([-1, 3])).toThrow(/non-negative integers/);
    expect(() => t([NaN])).toThrow(ShapeError);
    expect(() => tensor([1, 2, 3], [2, 2], { backend })).toThrow(/3 values do not fill shape \[2, 2\]/);
  });

  test('labels out of range, NaN, non-integer or the wrong count', () => {
    const logits = t([2, 3]);
    expect(() => k.crossEntropy(logits, [0, 3])).toThrow(ValueError);
    expect(() => k.crossEntropy(logits, [0, 3])).toThrow(/label 1 is 3: out of range for 3 classes/);
    expect(() => k.crossEntropy(logits, [0, -1])).toThrow(/out of range/);
    expect(() => k.crossEntropy(logits, [NaN, 1])).toThrow(/label 0 is NaN/);
    expect(() => k.crossEntropy(logits, [0.5, 1])).toThrow(/integer class indices/);
    expect(() => k.crossEntropy(logits, [0])).toThrow(/expected 2 labels/);
  });

  test('dropout p outside [0, 1) and bad seeds', () => {
    for (const p of [-0.1, 1, 1.5, NaN])
      expect(() => k.dropout(t([4]), { p, seed: 1 })).toThrow(/p must be a number in \[0, 1\)/);
    expect(() => k.dropout(t([4]), { p: 0.5, seed: -1 })).toThrow(ValueError);
    expect(() => k.dropout(t([4]), { p: 0.5, seed: 1.5 })).toThrow(ValueError);
  });

  test('use after dispose', () => {
    const x = t([3, 3]);
    x.dispose();
    expect(() => k.unary('relu', x)).toThrow(DisposedError);
    expect(() => k.matmul(x, t([3, 3]))).toThrow(/used after dispose/);
    expect(() => x.dataSync()).toThrow(DisposedError);
    expect(() => x.dispose()).not.toThrow();
  });

  test('a disposed backend', async () => {
    const own = backend instanceof CpuBackend ? new CpuBackend() : await createWasmBackend();
    const x = zeros([2], { backend: own });
    own.dispose();
    expect(() => k.unary('relu', x)).toThrow(DisposedError);
    expect(() => zeros([2], { backend: own })).toThrow(DisposedError);
  });

  test('tensors on different backends', () => {
    const other = new CpuBackend();
    expect(() => k.binary('add', t([2]), zeros([2], { backend: other }))).toThrow(BackendError);
  });

  test('shapes that cannot broadcast', () => {
    expect(() => k.binary('add', t([2, 3]), t([2]))).toThrow(/cannot be broadcast/);
  });

  test('unknown ops and bad axes', () => {
    expect(() => k.unary('cube' as never, t([2]))).toThrow(ValueError);
    expect(() => k.sum(t([2, 3]), 2)).toThrow(/axis 2 is out of range/);
    expect(() => k.sum(t([2, 3]), [1, 1])).toThrow(/repeated axis/);
  });

  test('optimiser updates with mismatched shapes or bad hyper-parameters', () => {
    expect(() => k.sgdUpdate(t([3]), t([4]), null, { lr: 0.1 })).toThrow(ShapeError);
    expect(() => k.sgdUpdate(t([3]), t([3]), null, { lr: NaN })).toThrow(/lr must be a finite number/);
    expect(() => k.sgdUpdate(t([3]), t([3]), null, { lr: 0.1, momentum: 0.9 })).toThrow(/velocity/);
    expect(() => k.adamUpdate(t([3]), t([3]), t([3]), t([3]), { lr: 0.1, step: 0 })).toThrow(/step/);
  });
});

describe('a kernel that fails frees the output it allocated', () => {
  test('a wasm matmul whose scratch cannot grow throws ResourceLimitError and leaks nothing', async () => {
    const small = await createWasmBackend({ maxMemoryMiB: 64 });
    const a = zeros([256, 256], { backend: small }), b = zeros([256, 1024], { backend: small });
    // Fill the heap with 256 KiB blocks, then free the last five: room for the 1 MiB output, not for the packing scratch.
    const fillers = [];
    try {
      for (;;) fillers.push(small.alloc(65536));
    } catch (error) {
      expect(error).toBeInstanceOf(ResourceLimitError);
    }
    for (const filler of fillers.splice(-5)) small.free(filler);
    const tensorsBefore = liveTensorCount(), storagesBefore = small.memoryStats().liveStorages;
    expect(() => k.matmul(a, b)).toThrow(ResourceLimitError);
    expect(liveTensorCount()).toBe(tensorsBefore);
    expect(small.memoryStats().liveStorages).toBe(storagesBefore);
    small.dispose();
  });
});
