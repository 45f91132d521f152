/** Tick label text, as matplotlib's ScalarFormatter and LogFormatter write it. */
import { power10, tickStep, decimal } from './ticks.js';
import { superscript } from './metrics.js';

/** Labels for the ticks of one axis, and the text at the axis end that they are relative to ('' if none). */
export interface TickLabels {
  labels: string[];
  /** "×10⁻⁵", "+1", "×10⁻¹³ +1": a label l stands for l × 10ᵏ + offset. */
  corner: string;
}

const minus = (s: string) => s.replace(/-/g, '−');

/** A number in at most six significant digits, in exponent form outside [1e-4, 1e6). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e6) return minus(String(Number(value.toPrecision(6))));
  const [mantissa, exponent] = value.toExponential(5).split('e');
  return minus(`${String(Number(mantissa))}e${Number(exponent)}`);
}

/** Decimals that write every multiple of `step` (given as m × 10^e) exactly. */
function decimalsFor(m: number, e: number): number {
  return Math.max(0, -e + (m === 2.5 ? 1 : 0));
}

/** Labels of evenly spaced linear ticks: a shared offset when they differ only far down, a power of ten outside 1e-4 … 1e5. */
export function linearTickLabels(ticks: readonly number[]): TickLabels {
  const step = tickStep(ticks);
  if (!step) return { labels: ticks.map(formatNumber), corner: '' };
  const lo = Math.min(...ticks), hi = Math.max(...ticks);
  const span = hi - lo;
  let offset = 0;
  if (Math.max(Math.abs(lo), Math.abs(hi)) / span >= 1e4) {
    const e = Math.floor(Math.log10(span)) + 2;
    const units = lo / power10(e), nearest = Math.round(units);
    offset = decimal(Math.abs(units - nearest) <= 1e-6 * Math.abs(units) ? nearest : Math.floor(units), 1, e);
  }
  const shifted = ticks.map((t) => t - offset);
  const largest = Math.max(...shifted.map(Math.abs));
  const oom = largest > 0 ? Math.floor(Math.log10(largest) + 1e-9) : 0;
  const power = oom <= -5 || oom >= 6 ? oom : 0;
  const digits = Math.min(20, decimalsFor(step.m, step.e - power));
  const labels = shifted.map((t) => {
    const text = (t / power10(power)).toFixed(digits);
    return minus(/^-0(\.0*)?$/.test(text) ? text.slice(1) : text);
  });
  const parts: string[] = [];
  if (power !== 0) parts.push(`×10${superscript(power)}`);
  if (offset !== 0) parts.push(offset > 0 ? `+${formatNumber(offset)}` : formatNumber(offset));
  return { labels, corner: parts.join(' ') };
}

/** Labels of log-axis ticks: 10ᵏ when every tick is a decade, plain numbers otherwise. */
export function logTickLabels(ticks: readonly number[]): string[] {
  const exponents = ticks.map((t) => Math.round(Math.log10(t)));
  if (ticks.every((t, i) => t === power10(exponents[i]))) return exponents.map((k) => `10${superscript(k)}`);
  return ticks.map(formatNumber);
}
