/** Axis scales: the data range (autoscaled with margins, or fixed by xlim/ylim) and the map to pixels. */
import { logMinorTicks, logTicks, MIN_SPAN, niceTicks } from './ticks.js';
import { linearTickLabels, logTickLabels, type TickLabels } from './labels.js';

export type ScaleKind = 'linear' | 'log';
/** Axis limits as d2l passes them: [lo, hi]; null (or undefined) on one side autoscales that side. */
export type Limits = readonly [number | null | undefined, number | null | undefined];

/** Beyond this many pixels a position is as good as infinitely far. */
const FAR = 1e9;

/** Matplotlib's default autoscale margin: 5 % of the data range on each side. */
const MARGIN = 0.05;

const forward = (kind: ScaleKind, v: number) => (kind === 'log' ? (v > 0 ? Math.log10(v) : NaN) : v);
const inverse = (kind: ScaleKind, t: number) => (kind === 'log' ? 10 ** t : t);

/** Whether v can be drawn on this kind of axis (finite, and positive on a log axis). */
export function drawable(kind: ScaleKind, v: number): boolean {
  return Number.isFinite(v) && (kind === 'linear' || v > 0);
}

/** Widens an empty or vanishing range as matplotlib's nonsingular() does: 5 % of the value, a decade on log. */
function nonsingular(kind: ScaleKind, lo: number, hi: number): [number, number] {
  const a = forward(kind, lo), b = forward(kind, hi);
  if (Math.abs(b - a) > Math.max(Math.abs(a), Math.abs(b)) * 1e-13 && Math.abs(b - a) >= MIN_SPAN) return [lo, hi];
  if (kind === 'log') return [lo / 10, lo * 10];
  const delta = lo === 0 ? 0.05 : Math.max(Math.abs(lo) * MARGIN, MIN_SPAN);
  return [lo - delta, lo + delta];
}

/** The axis range for `values` (non-drawable ones ignored) under `limits`; lo may exceed hi (an inverted axis). */
export function axisDomain(kind: ScaleKind, values: Iterable<number>, limits?: Limits): [number, number] {
  const fixedLo = limits?.[0] ?? null, fixedHi = limits?.[1] ?? null;
  if (fixedLo !== null && fixedHi !== null) {
    if (fixedLo <= fixedHi) return nonsingular(kind, fixedLo, fixedHi);
    const [a, b] = nonsingular(kind, fixedHi, fixedLo);
    return [b, a];
  }
  let min = Infinity, max = -Infinity;
  for (const v of values) {
    if (!drawable(kind, v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let lo: number, hi: number;
  if (min > max) [lo, hi] = kind === 'log' ? [1, 10] : [0, 1];
  else {
    [lo, hi] = nonsingular(kind, min, max);
    const a = forward(kind, lo), b = forward(kind, hi), pad = (b - a) * MARGIN;
    [lo, hi] = [inverse(kind, a - pad), inverse(kind, b + pad)];
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [min, max];
  }
  if (fixedLo !== null) lo = fixedLo;
  if (fixedHi !== null) hi = fixedHi;
  if (!(hi > lo)) {
    const a = forward(kind, fixedLo ?? hi), width = kind === 'log' ? 1 : Math.max(1, Math.abs(a));
    [lo, hi] = fixedLo !== null ? [fixedLo, inverse(kind, a + width)] : [inverse(kind, a - width), fixedHi!];
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !Number.isFinite(forward(kind, hi) - forward(kind, lo)))
    return kind === 'log' ? [1, 10] : [0, 1];
  return [lo, hi];
}

/** A scale fixed to a domain and a pixel interval: maps values, places and labels ticks. */
export class Scale {
  private readonly t0: number;
  private readonly t1: number;

  constructor(readonly kind: ScaleKind, readonly domain: readonly [number, number], readonly range: readonly [number, number]) {
    this.t0 = forward(kind, domain[0]);
    this.t1 = forward(kind, domain[1]);
  }

  /**
   * Pixel position of v; NaN where v cannot be drawn (the caller leaves a gap). Positions far off
   * the canvas are held at ±1e9 px, so lines towards them keep their direction without overflowing.
   */
  px(v: number): number {
    if (!drawable(this.kind, v)) return NaN;
    const f = (forward(this.kind, v) - this.t0) / (this.t1 - this.t0);
    return Math.min(FAR, Math.max(-FAR, this.range[0] + f * (this.range[1] - this.range[0])));
  }

  /** Major ticks inside the domain, about `count` of them. */
  ticks(count: number): number[] {
    const [lo, hi] = this.domain;
    return this.drawn(this.kind === 'log' ? logTicks(lo, hi, count) : niceTicks(lo, hi, count));
  }

  /** The values that land on a pixel (none of the 0s or Infinities a decade can round to at the ends of the double range). */
  private drawn(values: number[]): number[] {
    return values.filter((v) => Number.isFinite(this.px(v)));
  }

  /** Unlabelled minor ticks (log axes only). */
  minorTicks(): number[] {
    return this.kind === 'log' ? this.drawn(logMinorTicks(this.domain[0], this.domain[1])) : [];
  }

  /** Label text of `ticks`, with the offset or power of ten they share. */
  labels(ticks: readonly number[]): TickLabels {
    return this.kind === 'log' ? { labels: logTickLabels(ticks), corner: '' } : linearTickLabels(ticks);
  }
}
