/**
 * The bench's measuring tools run end to end in a tiny form, so that they cannot rot: `read` (the
 * cost of reading a result against a plain copy), `scaling` (the machine's ceiling across workers),
 * `peak` (the matmul kernel against the SIMD128 peak), `processes` (the kernel bench in separate
 * processes, min / median / max) and `epoch-time` (the MLP epoch, webgrad alone on one and two threads).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'index.js');

function runBench(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [bench, ...args], { timeout: 120_000, maxBuffer: 8 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}\n${stdout}`)) : resolve(stdout),
    ),
  );
}

/** The cells of each markdown table row whose first cell matches. */
const rows = (out: string, first: RegExp) =>
  out.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim())).filter((c) => first.test(c[0]));

const numbers = (cell: string) => [...cell.matchAll(/\d+(\.\d+)?/g)].map((m) => Number(m[0]));

describe('npm run bench -- read / scaling / peak / processes / epoch-time', () => {
  test('read: every form on one and two threads against the plain copy, with a finite ratio', async () => {
    const out = await runBench(['read', '--sizes', '64', '--calls', '200', '--threads', '1,2']);
    const table = rows(out, /KiB/);
    expect(table.map((r) => r[1])).toEqual([
      '1thr dataSync()', '1thr dataSync(target)', '1thr await data()', '1thr await data(target)',
      '2thr dataSync()', '2thr dataSync(target)', '2thr await data()', '2thr await data(target)',
    ]);
    for (const [, form, copy, read, ratio] of table) {
      expect(copy).toMatch(form.includes('target') ? /^target\.set\(source\)/ : /^source\.slice\(\)/);
      const [median, min] = numbers(read);
      expect(min).toBeGreaterThan(0);
      expect(median).toBeGreaterThanOrEqual(min);
      expect(Number.isFinite(numbers(ratio)[0])).toBe(true);
    }
  }, 120_000);

  test('scaling: each kernel alone and in two workers at once, with positive rates', async () => {
    const out = await runBench(['scaling', '--workers', '2', '--seconds', '0.2', '--rounds', '1']);
    const table = rows(out, /matmul|relu|softmax/);
    expect(table.map((r) => r[0])).toEqual(['matmul 256³', 'relu 16 MB', 'softmax [4096×1000]']);
    for (const [, , one, two, ratio] of table) {
      expect(Number(one)).toBeGreaterThan(0);
      expect(Number(two)).toBeGreaterThan(0);
      expect(numbers(ratio)[0]).toBeCloseTo(Number(two) / Number(one), 1);
    }
  }, 120_000);

  test('peak: the SIMD128 peak and each product as a fraction of it', async () => {
    const out = await runBench(['peak', '--rounds', '1']);
    const table = rows(out, /peak|matmul|X·W1|dW1/);
    expect(table.map((r) => r[0])).toEqual(['peak: 12 f32x4 multiply-add chains', 'matmul 512³', 'matmul 1024³', 'X·W1 (MLP fwd)', 'dW1 = Xᵀ·dH']);
    const peak = numbers(table[0][1])[0];
    expect(peak).toBeGreaterThan(0);
    for (const [, rate, share] of table.slice(1)) expect(numbers(share)[0]).toBeCloseTo((100 * numbers(rate)[0]) / peak, -1);
  }, 120_000);

  test('processes: min ≤ median ≤ max for each subject, from that many processes', async () => {
    const out = await runBench(['processes', '2', '--only', 'crossEntropy-256', '--threads', '1,2', '--peers', 'none', '--no-cpu', '--quick']);
    expect(out.match(/process \d\/2 done/g)).toHaveLength(2);
    const table = rows(out, /cross-entropy/);
    expect(table.map((r) => r[1])).toEqual(['webgrad wasm 1thr', 'webgrad wasm 2thr']);
    for (const [, , read, kernel] of table)
      for (const cell of [read, kernel]) {
        const [min, median, max] = numbers(cell);
        expect(min).toBeGreaterThan(0);
        expect(min).toBeLessThanOrEqual(median);
        expect(median).toBeLessThanOrEqual(max);
      }
  }, 120_000);

  test('epoch-time: a row per thread count, the same epoch loss on each, speed-ups against each', async () => {
    const out = await runBench(['epoch-time', '--frameworks', 'webgrad', '--threads', '1,2', '--runs', '1']);
    const table = rows(out, /^webgrad/);
    expect(table.map((r) => r[0])).toEqual(['webgrad wasm 1thr', 'webgrad wasm 2thr']);
    const [one, two] = table;
    expect(Number(one[1])).toBeGreaterThan(0);
    expect(one[3]).toBe(two[3]);
    expect(Number(one[3])).toBeGreaterThan(0.5);
    expect(Number(one[3])).toBeLessThan(2.4);
    expect(one[4]).toBe('1.00×');
    expect(numbers(two[4])[0]).toBeCloseTo(Number(two[1]) / Number(one[1]), 1);
  }, 120_000);

  test('bad arguments print the usage and fail', async () => {
    await expect(runBench(['processes', '1'])).rejects.toThrow(/usage: npm run bench -- processes N/);
    await expect(runBench(['read', '--sizes', 'x'])).rejects.toThrow(/usage: npm run bench -- read/);
    await expect(runBench(['scaling', '--workers', '1'])).rejects.toThrow(/usage: npm run bench -- scaling/);
    await expect(runBench(['peak', '--rounds', '0'])).rejects.toThrow(/usage: npm run bench -- peak/);
    await expect(runBench(['epoch-time', '--threads', 'two'])).rejects.toThrow(/usage: npm run bench -- epoch-time/);
  }, 60_000);
});
