/**
 * The bench's options and the webgrad subject's plumbing: peers and thread lists on the command
 * line, subject names with the thread count the backend reports, reads into a reused target where
 * the Tensor takes one, and the GPU bench's options.
 */
import { UsageError, parseArgs } from '../bench/args.js';
import { parseEpochTimeArgs } from '../bench/parity/mlp-epoch-time.js';
import { gpuCases, parseGpuArgs } from '../bench/gpu/args.js';
import { GPU_CASES, QUICK_GPU_CASES } from '../bench/gpu/cases.js';
import { backendThreads, webgradSubjectName } from '../bench/subjects/webgrad.js';
import { TensorReader, readTargetSupport } from '../bench/subjects/webgrad-read.js';
import { classifyAdapter } from '../bench/webgpu-env.js';
import { CpuBackend, Tensor, tensor, type Backend } from '../bindings/index.js';

describe('npm run bench options', () => {
  test('defaults: all three peers, webgrad wasm on one thread, onnxruntime-web on one and two, both figures', () => {
    const args = parseArgs([]);
    expect(args.peers).toEqual(['tfjs', 'jax', 'ort']);
    expect(args.threads).toEqual([1]);
    expect(args.ortThreads).toEqual([1, 2]);
    expect(args.kernelOnly).toBe(true);
    expect(args.readTarget).toBe('auto');
  });

  test('--peers, --threads, --ort-threads, --read-target, --no-kernel-only', () => {
    const args = parseArgs(['--peers', 'ort', '--threads', '1,2,2', '--ort-threads', '2', '--read-target', 'off', '--no-kernel-only']);
    expect(args).toMatchObject({ peers: ['ort'], threads: [1, 2], ortThreads: [2], readTarget: 'off', kernelOnly: false });
  });

  test.each([
    [['--peers', 'torch'], /unknown peer torch/],
    [['--threads', '0'], /--threads takes positive integers/],
    [['--ort-threads', '1.5'], /--ort-threads takes positive integers/],
    [['--read-target', 'maybe'], /--read-target must be auto, on or off/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('npm run bench -- epoch-time options', () => {
  test('defaults: webgrad on one thread, tfjs and jax-js; PyTorch only when asked for', () => {
    expect(parseEpochTimeArgs([])).toEqual({ runs: 3, frameworks: ['webgrad', 'tfjs', 'jax'], threads: [1], python: '/usr/bin/python3', json: null });
    expect(parseEpochTimeArgs(['--frameworks', 'webgrad,torch', '--threads', '1,2,2', '--runs', '5', '--python', 'python3']))
      .toMatchObject({ frameworks: ['webgrad', 'torch'], threads: [1, 2], runs: 5, python: 'python3' });
  });

  test.each([
    [['--frameworks', 'webgrad,keras'], /unknown framework keras/],
    [['--threads', '0'], /--threads must list positive integers/],
    [['--runs', '1.5'], /--runs must be a positive integer/],
    [['--runs'], /--runs needs a value/],
    [['--warmup', '1'], /unknown option --warmup/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseEpochTimeArgs(argv)).toThrow(message);
    expect(() => parseEpochTimeArgs(argv)).toThrow(/usage: npm run bench -- epoch-time/);
  });
});

describe('npm run bench:gpu options', () => {
  test('--quick: tiny cases, few samples, chained runs; otherwise the full cases', () => {
    const quick = parseGpuArgs(['--quick']);
    expect(quick).toMatchObject({ chain: 2, maxSamples: 3, minSamples: 2 });
    expect(gpuCases(quick)).toEqual(QUICK_GPU_CASES);
    const full = parseGpuArgs(['--out', '/tmp/x']);
    expect(full.out).toBe('/tmp/x');
    expect(gpuCases(full).map((c) => c.id)).toEqual(GPU_CASES.map((c) => c.id));
    expect(parseGpuArgs([]).out).toMatch(/^bench\/results\/gpu-\d{4}-\d\d-\d\d-\d\d-\d\d$/);
  });

  test('the full cases cover what a GPU run is asked for', () => {
    const ids = GPU_CASES.map((c) => c.id);
    for (const id of ['matmul-1024', 'matmul-2048', 'matmul-4096', 'mlp-fwd1', 'mlp-dW1', 'mlp-dW2', 'mlp-dH',
      'softmax-4096x1000', 'softmax-65536x1000', 'crossEntropy-4096x1000', 'crossEntropy-65536x1000',
      'mlp-step-784-256-10-b256', 'mlp-step-784-256-10-b4096'])
      expect(ids).toContain(id);
  });

  test('bad values are usage errors', () => {
    expect(() => parseGpuArgs(['--chain', '0'])).toThrow(/--chain must be a positive integer/);
    expect(() => parseGpuArgs(['--min-samples', '5', '--max-samples', '2'])).toThrow(/--min-samples must not exceed/);
    expect(() => parseGpuArgs(['--only', 'nothing-like-this'])).not.toThrow();
    expect(() => gpuCases(parseGpuArgs(['--only', 'nothing-like-this']))).toThrow(/matches no case/);
  });
});

describe('webgrad subject names', () => {
  const fake = (threads?: number) => ({ name: 'wasm', ...(threads === undefined ? {} : { threads }) }) as unknown as Backend;
  test('show the thread count the backend reports, and the count asked where it differs', () => {
    expect(backendThreads(fake())).toBe(1);
    expect(webgradSubjectName(fake(2), 2)).toBe('webgrad wasm 2thr');
    expect(webgradSubjectName(fake(), 2)).toBe('webgrad wasm 1thr (2 asked)');
    expect(webgradSubjectName(fake(), 1)).toBe('webgrad wasm 1thr');
    expect(webgradSubjectName(fake())).toBe('webgrad wasm');
  });
});

describe('TensorReader', () => {
  const backend = new CpuBackend();
  afterAll(() => backend.dispose());

  test('auto follows the build: plain dataSync() where it takes no target', () => {
    const reader = TensorReader.create('auto', true);
    expect(reader.useTarget).toBe(readTargetSupport().sync);
    const t = tensor([1, 2, 3], [3], { backend });
    expect([...reader.readSync(t, 'y')]).toEqual([1, 2, 3]);
    t.dispose();
  });

  test('off reads with plain dataSync(); on refuses a build whose dataSync takes no target', () => {
    expect(TensorReader.create('off', true).useTarget).toBe(false);
    const original = Tensor.prototype.dataSync;
    Tensor.prototype.dataSync = function (this: Tensor): Float32Array {
      return original.call(this);
    } as typeof original;
    try {
      expect(() => TensorReader.create('on', true)).toThrow(/takes no target/);
    } finally {
      Tensor.prototype.dataSync = original;
    }
  });

  test('with a dataSync(target) it reads into one buffer reused across reads', () => {
    const original = Tensor.prototype.dataSync;
    // a dataSync(target?) of the coming form, over the current one
    Tensor.prototype.dataSync = function (this: Tensor, target?: Float32Array): Float32Array {
      const values = original.call(this);
      if (!target) return values;
      target.set(values);
      return target;
    } as typeof original;
    try {
      expect(readTargetSupport().sync).toBe(true);
      const reader = TensorReader.create('auto', true);
      expect(reader.useTarget).toBe(true);
      const a = tensor([1, 2], [2], { backend });
      const b = tensor([3, 4], [2], { backend });
      const first = reader.readSync(a, 'y');
      const second = reader.readSync(b, 'y');
      expect(second).toBe(first);
      expect([...second]).toEqual([3, 4]);
      a.dispose();
      b.dispose();
    } finally {
      Tensor.prototype.dataSync = original;
    }
  });
});

describe('classifyAdapter', () => {
  test.each([
    ['google / swiftshader / swiftshader-device-subzero- / SwiftShader driver 5.0.0', 'cpu-emulation'],
    ['mesa / llvmpipe (LLVM 15.0.6, 256 bits)', 'cpu-emulation'],
    ['nvidia / hopper / NVIDIA H200 / NVIDIA: 570.86', 'gpu'],
    ['amd / rdna-3 / AMD Radeon RX 7900', 'gpu'],
    ['acme / unknown', 'unknown'],
  ])('%s → %s', (info, kind) => {
    expect(classifyAdapter(info).kind).toBe(kind);
  });

  test('a fallback adapter is a CPU emulation whatever its name', () => {
    expect(classifyAdapter('nvidia / x', true).kind).toBe('cpu-emulation');
  });
});
