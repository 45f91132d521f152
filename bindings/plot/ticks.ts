/** Tick positions: round linear steps (1, 2, 2.5, 5 × 10ᵏ) and decades on log axes. */
import { anyNumber } from '../validate.js';

/** k × m × 10^e with one correctly rounded operation, so 3 × 0.1 comes out as 0.3. */
export function decimal(k: number, m: number, e: number): number {
  return e >= 0 ? k * m * Number(`1e${e}`) : (k * m) / Number(`1e${-e}`);
}

const MANTISSAS = [1, 2, 2.5, 5];
/** Spans below this (near the end of the double range) get a single tick. */
export const MIN_SPAN = 1e-280;

/** A tick step m × 10^e; `next` walks the list of round steps downwards. */
interface Step {
  m: number;
  e: number;
}

function stepValue(s: Step): number {
  return decimal(1, s.m, s.e);
}

function smallerStep(s: Step): Step {
  const i = MANTISSAS.indexOf(s.m);
  return i > 0 ? { m: MANTISSAS[i - 1], e: s.e } : { m: 5, e: s.e - 1 };
}

/** The smallest round step with at most `count` intervals over `span`. */
function roundStep(span: number, count: number): Step {
  const raw = span / count;
  const e = Math.floor(Math.log10(raw));
  for (const m of MANTISSAS) if (decimal(1, m, e) >= raw * (1 - 1e-12)) return { m, e };
  return { m: 1, e: e + 1 };
}

function ticksAt(lo: number, hi: number, s: Step): number[] {
  const step = stepValue(s);
  const first = Math.ceil(lo / step - 1e-9), last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last && ticks.length < 1000; k++) ticks.push(decimal(k, s.m, s.e) + 0);
  return ticks;
}

/** The step between consecutive linear ticks as m × 10^e (m in 1, 2, 2.5, 5); null for fewer than two ticks. */
export function tickStep(ticks: readonly number[]): Step | null {
  if (ticks.length < 2) return null;
  const step = Math.abs(ticks[1] - ticks[0]);
  const e = Math.floor(Math.log10(step) + 1e-9);
  const m = MANTISSAS.reduce((best, c) => (Math.abs(decimal(1, c, e) - step) < Math.abs(decimal(1, best, e) - step) ? c : best));
  return { m, e };
}

/**
 * About `count` round tick values inside [lo, hi] (either order). At least two whenever lo < hi,
 * whatever the range: [0.01, 0.99], 1e-12 spans, ±1e12. [lo] when lo = hi (or the span is below
 * 1e-280); [] for a non-finite bound.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (hi - lo <= Math.max(Math.abs(lo), Math.abs(hi)) * 1e-14 || hi - lo < MIN_SPAN || !Number.isFinite(hi - lo)) return [lo];
  let step = roundStep(hi - lo, Math.max(1, Math.floor(count)));
  let ticks = ticksAt(lo, hi, step);
  for (let tries = 0; ticks.length < 2 && tries < 8; tries++) {
    step = smallerStep(step);
    ticks = ticksAt(lo, hi, step);
  }
  return ticks;
}

/** 10^k exactly as a decimal literal would give it. */
export function power10(k: number): number {
  return Number(`1e${k}`);
}

/**
 * Ticks for a log axis over [lo, hi] (both > 0, either order): decades, every n-th decade when
 * there are more than `count`; inside less than two decades, 1-2-5 (then 1…9) multiples; inside a
 * single factor of 2, round linear ticks.
 */
export function logTicks(lo: number, hi: number, count = 6): number[] {
  for (const [name, v] of [['lo', lo], ['hi', hi], ['count', count]] as const) anyNumber('logTicks', name, v);
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  const a = Math.ceil(Math.log10(lo) - 1e-9), b = Math.floor(Math.log10(hi) + 1e-9);
  if (b - a + 1 >= 2) {
    const stride = Math.ceil((b - a + 1) / Math.max(1, count));
    const start = Math.ceil(a / stride) * stride;
    const decades: number[] = [];
    for (let k = start; k <= b; k += stride) decades.push(power10(k));
    if (decades.length >= 2) return decades;
  }
  for (const mantissas of [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const ticks: number[] = [];
    for (let k = a - 1; k <= b; k++)
      for (const m of mantissas) {
        const v = Number(`${m}e${k}`);
        if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) ticks.push(v);
      }
    if (ticks.length >= 2) return ticks;
  }
  return niceTicks(lo, hi, 3);
}

/** The unlabelled 2…9 × 10ᵏ marks between decades of a log axis over [lo, hi] (none past 12 decades). */
export function logMinorTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  const a = Math.floor(Math.log10(lo)), b = Math.floor(Math.log10(hi));
  if (b - a > 12) return [];
  const out: number[] = [];
  for (let k = a; k <= b; k++)
    for (let m = 2; m <= 9; m++) {
      const v = Number(`${m}e${k}`);
      if (v >= lo && v <= hi) out.push(v);
    }
  return out;
}
