/**
 * `npm run bench -- peak`: webgrad's one-thread matmul kernel as a fraction of the GEMM-shaped SIMD128
 * peak (bench/simd-peak.ts), both measured in this process, in alternating rounds, so that the
 * machine's speed of the moment cancels out of the fraction. The kernel is called on raw pointers
 * (the module's `matmul` export, plain SIMD build, packing included), without the Tensor API or a read.
 */
import { instantiateKernels } from '../bindings/wasm/wasm-module.js';
import { BENCH_CASES, type MatmulCase } from './cases.js';
import { machineInfo, machineLine } from './machine.js';
import { PEAK_FLOPS_PER_ITERATION, simdPeakModule } from './simd-peak.js';
import { median } from './timing.js';

export const PEAK_USAGE = `usage: npm run bench -- peak [--rounds N]
  --rounds  alternating rounds of the peak loop and each product (default 9); medians are reported`;

const CASE_IDS = ['matmul-512', 'matmul-1024', 'mlp-fwd1', 'mlp-dW1'];
/** Work per timed sample, in flops (about 20–40 ms here). */
const SAMPLE_FLOPS = 1e9;

export async function runPeak(argv: readonly string[]): Promise<boolean> {
  let rounds = 9;
  if (argv.length > 0) {
    rounds = argv[0] === '--rounds' && argv.length === 2 ? Number(argv[1]) : NaN;
    if (!Number.isInteger(rounds) || rounds < 1) {
      console.log(PEAK_USAGE);
      return argv[0] === '--help';
    }
  }
  const peakExports = (await WebAssembly.instantiate(simdPeakModule())).instance.exports as { peak(iterations: number): number };
  const { kernels, memory } = await instantiateKernels('simd');
  const cases = CASE_IDS.map((id) => BENCH_CASES.find((c) => c.id === id) as MatmulCase);
  // A, B, C and the scratch of the largest product, after the module's own data.
  const floats = (c: MatmulCase) => Math.max(c.m * c.k, c.k * c.n, c.m * c.n);
  const region = Math.max(...cases.map((c) => 4 * floats(c)));
  const scratch = Math.max(...cases.map((c) => kernels.matmulScratchBytes(c.m, c.n, c.k, 1)));
  const [a, b, c, s] = [0, 1, 2, 3].map((i) => Math.ceil(kernels.heapBase() / 16) * 16 + i * region);
  const needed = s + scratch - memory.buffer.byteLength;
  if (needed > 0) memory.grow(Math.ceil(needed / 65536));
  const heap = new Float32Array(memory.buffer);
  for (let i = a / 4; i < c / 4; i++) heap[i] = Math.sin(i);

  const iterations = Math.round(SAMPLE_FLOPS / PEAK_FLOPS_PER_ITERATION);
  peakExports.peak(iterations); // compiled by the optimising tier before the first sample
  const peak: number[] = [];
  const products = cases.map(() => [] as number[]);
  const gflops = (flops: number, ms: number) => flops / (ms * 1e-3) / 1e9;
  for (let round = 0; round <= rounds; round++) {
    let started = performance.now();
    peakExports.peak(iterations);
    if (round > 0) peak.push(gflops(iterations * PEAK_FLOPS_PER_ITERATION, performance.now() - started));
    cases.forEach((mm, i) => {
      const reps = Math.max(2, Math.round(SAMPLE_FLOPS / mm.flops));
      started = performance.now();
      for (let r = 0; r < reps; r++) kernels.matmul(a, b, c, mm.m, mm.n, mm.k, mm.transA ? 1 : 0, mm.transB ? 1 : 0, 0, 0, s);
      if (round > 0) products[i].push(gflops(reps * mm.flops, performance.now() - started));
    });
  }
  const machine = machineInfo();
  const top = median(peak);
  console.log(`webgrad matmul against the SIMD128 peak — ${machineLine(machine)}, load ${machine.loadAverage.join(' ')}`);
  console.log(`one thread, plain SIMD build, kernel only; median of ${rounds} alternating rounds (best in brackets)\n`);
  console.log('| | GFLOP/s | % of the peak |');
  console.log('|---|---:|---:|');
  console.log(`| peak: 12 f32x4 multiply-add chains | ${top.toFixed(1)} [${Math.max(...peak).toFixed(1)}] | 100 % |`);
  cases.forEach((mm, i) => {
    const value = median(products[i]);
    console.log(`| ${mm.label} | ${value.toFixed(1)} [${Math.max(...products[i]).toFixed(1)}] | ${((100 * value) / top).toFixed(0)} % |`);
  });
  return true;
}
