/**
 * `npm run bench -- read`: what reading a result costs against copying the same bytes between plain
 * JS typed arrays. Each call is timed on its own (performance.now() around it), many times, and the
 * median and minimum are reported: dataSync() against Float32Array.prototype.slice() (both allocate
 * their result), dataSync(target) against target.set(source) (neither allocates), and the
 * asynchronous data() forms beside them, on the wasm backend with one thread (its own memory) and
 * with several (a shared memory).
 */
import { createWasmBackend, rand, type Tensor } from '../bindings/index.js';
import { machineInfo, machineLine } from './machine.js';
import { median } from './timing.js';

export const READ_USAGE = `usage: npm run bench -- read [--sizes KB,KB,...] [--threads N,N] [--calls N]
  --sizes    result sizes in KiB (default 64,1024,16000)
  --threads  wasm thread counts, one backend each (default 1,2)
  --calls    timed calls per form at 64 KiB (fewer for larger sizes; default 4000)`;

interface ReadArgs {
  sizes: number[];
  threads: number[];
  calls: number;
}

function parseReadArgs(argv: readonly string[]): ReadArgs | null {
  const args: ReadArgs = { sizes: [64, 1024, 16000], threads: [1, 2], calls: 4000 };
  for (let i = 0; i < argv.length; i++) {
    const list = () => (argv[++i] ?? '').split(',').map(Number);
    const positive = (values: number[]) => values.length > 0 && values.every((v) => Number.isInteger(v) && v > 0);
    if (argv[i] === '--sizes' && positive((args.sizes = list()))) continue;
    if (argv[i] === '--threads' && positive((args.threads = list()))) continue;
    if (argv[i] === '--calls' && positive([(args.calls = Number(argv[++i]))])) continue;
    return null;
  }
  return args;
}

interface Timed {
  medianUs: number;
  minUs: number;
}

/** Times each call of `call` alone (awaited when it returns a promise), after a warm-up. */
async function timeCalls(call: () => unknown, calls: number): Promise<number[]> {
  for (let i = 0; i < Math.min(50, calls); i++) await call();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const result = call();
    if (result instanceof Promise) await result;
    times.push((performance.now() - start) * 1000);
  }
  return times;
}

const summarise = (times: number[]): Timed => ({ medianUs: median(times), minUs: Math.min(...times) });

/** Rounds of every form in turn, so that a noisy moment of the machine falls on all of them. */
const ROUNDS = 4;

/**
 * Arrays each form cycles through, call by call: a copy between two arrays whose addresses differ by
 * a multiple of 4 KiB runs many times slower (the loads wait on the stores), so one pair alone could
 * make either side look slow by where the allocator happened to put it.
 */
const PAIRS = 4;

async function measureSize(tensors: Map<number, Tensor>, elements: number, calls: number): Promise<Map<string, Timed>> {
  const sources = Array.from({ length: PAIRS }, () => new Float32Array(elements).map(() => Math.random()));
  const targets = Array.from({ length: PAIRS }, () => new Float32Array(elements));
  let i = 0;
  const next = () => (i = (i + 1) % PAIRS);
  const forms: [string, () => Promise<number[]>][] = [
    ['copy: source.slice()', () => timeCalls(() => sources[next()].slice(), calls)],
    ['copy: target.set(source)', () => timeCalls(() => targets[next()].set(sources[i]), calls)],
  ];
  for (const [threads, t] of tensors) {
    forms.push(
      [`${threads}thr dataSync()`, () => timeCalls(() => t.dataSync(), calls)],
      [`${threads}thr dataSync(target)`, () => timeCalls(() => t.dataSync(targets[next()]), calls)],
      [`${threads}thr await data()`, () => timeCalls(() => t.data(), calls)],
      [`${threads}thr await data(target)`, () => timeCalls(() => t.data(targets[next()]), calls)],
    );
  }
  const times = new Map<string, number[]>(forms.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, run] of forms) times.get(name)!.push(...(await run()));
  return new Map([...times].map(([name, t]) => [name, summarise(t)]));
}

const us = (t: Timed) => `${t.medianUs.toFixed(2)} (${t.minUs.toFixed(2)})`;

export async function runReadCost(argv: readonly string[]): Promise<boolean> {
  const args = parseReadArgs(argv);
  if (!args) {
    console.log(READ_USAGE);
    return argv.length === 1 && argv[0] === '--help';
  }
  const machine = machineInfo();
  console.log(`webgrad read cost — ${machineLine(machine)}`);
  console.log('µs per call, median (minimum) over every call timed alone; ratio = median of the read / median of the plain copy\n');
  const backends = await Promise.all(args.threads.map((threads) => createWasmBackend({ threads })));
  try {
    console.log('| size | form | plain copy, µs | webgrad read, µs | read / copy |');
    console.log('|---|---|---:|---:|---:|');
    for (const kib of args.sizes) {
      const elements = (kib * 1024) / 4;
      const calls = Math.max(20, Math.round((args.calls * 64) / Math.max(64, kib)));
      const tensors = new Map(backends.map((backend) => [backend.threads, rand([elements], { backend })] as const));
      const timed = await measureSize(tensors, elements, Math.ceil(calls / ROUNDS));
      for (const t of tensors.values()) t.dispose();
      const copy = { fresh: timed.get('copy: source.slice()')!, into: timed.get('copy: target.set(source)')! };
      for (const name of timed.keys()) {
        if (name.startsWith('copy')) continue;
        const base = name.includes('(target)') ? copy.into : copy.fresh;
        const baseName = name.includes('(target)') ? 'target.set(source)' : 'source.slice()';
        const read = timed.get(name)!;
        console.log(`| ${kib} KiB | ${name} | ${baseName} ${us(base)} | ${us(read)} | ${(read.medianUs / base.medianUs).toFixed(2)}× |`);
      }
    }
  } finally {
    for (const backend of backends) backend.dispose();
  }
  return true;
}
