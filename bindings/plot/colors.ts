/** Colours: matplotlib's letters and tab10 cycle, then as many further distinct hues as needed. */
import { integer } from '../validate.js';

/** matplotlib's default colour cycle, C0 … C9. */
export const TAB10 = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
] as const;

/** The single-letter colours of format strings. */
export const COLOR_LETTERS: Readonly<Record<string, string>> = {
  b: '#0000ff', g: '#008000', r: '#ff0000', c: '#00bfbf', m: '#bf00bf', y: '#bfbf00', k: '#000000', w: '#ffffff',
};

function hslToHex(h: number, s: number, l: number): string {
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

const generated: string[] = [];

/** The i-th colour of the cycle: tab10, then hues a golden angle apart at alternating lightness. */
export function cycleColor(i: number): string {
  integer('cycleColor', 'i', i, { min: 0, max: 2 ** 20 });
  if (i < TAB10.length) return TAB10[i];
  const j = i - TAB10.length;
  return (generated[j] ??= hslToHex((15 + j * 137.508) % 360, [0.85, 0.55][Math.floor(j / 3) % 2], [0.45, 0.3, 0.65][j % 3]));
}

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const labF = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);

/** CIELAB (D65) of '#rgb' or '#rrggbb'; null for anything else. */
function parseLab(color: string): [number, number, number] | null {
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return null;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => linear(parseInt(hex!.slice(i, i + 2), 16) / 255));
  const x = labF((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = labF(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = labF((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const labs = new Map<string, [number, number, number] | null>();

function lab(color: string): [number, number, number] | null {
  let known = labs.get(color);
  if (known === undefined) labs.set(color, (known = parseLab(color)));
  return known;
}

/** How different two hex colours look (CIELAB ΔE, 0 … ~260); Infinity when either is not a hex colour. */
export function colorDistance(a: string, b: string): number {
  const p = lab(a), q = lab(b);
  if (!p || !q) return a.toLowerCase() === b.toLowerCase() ? 0 : Infinity;
  const dl = p[0] - q[0], da = p[1] - q[1], db = p[2] - q[2];
  return Math.sqrt(dl * dl + da * da + db * db);
}

/**
 * Colours closer than this count as the same line colour. tab10 colours are distinct from each
 * other by design (the closest two are 27.7 apart) and only weighed against other colours.
 */
const TOO_CLOSE = 30;
const IN_TAB10 = new Set<string>(TAB10);
/** How many unused cycle colours are weighed for the next series. */
const LOOK_AHEAD = 60;

/**
 * Gives every series a colour: its own where its format names one, otherwise the first unused
 * cycle colour not too close to any colour already on the axes (when every one of the next few
 * is, the one farthest from them). `explicit[i]` is null for "from the cycle".
 */
export function assignColors(explicit: readonly (string | null)[]): string[] {
  const used = explicit.filter((c): c is string => c !== null);
  const taken = new Set<number>();
  // Distance to the nearest used colour, or any value <= floor once it is known not to beat floor.
  const nearest = (c: string, floor: number) => {
    let d = Infinity;
    for (const u of used) {
      if (IN_TAB10.has(u) && IN_TAB10.has(c) && u !== c) continue;
      if ((d = Math.min(d, colorDistance(u, c))) <= floor) break;
    }
    return d;
  };
  return explicit.map((color) => {
    if (color !== null) return color;
    let best = -1, bestDistance = -1;
    for (let k = 0, weighed = 0; weighed < LOOK_AHEAD; k++) {
      if (taken.has(k)) continue;
      weighed++;
      const d = nearest(cycleColor(k), bestDistance);
      if (d > bestDistance) [best, bestDistance] = [k, d];
      if (d >= TOO_CLOSE) break;
    }
    taken.add(best);
    used.push(cycleColor(best));
    return cycleColor(best);
  });
}

const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

/** matplotlib's viridis colour map at t in [0, 1] (interpolated between ten stops). */
export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x)), f = x - i;
  const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  const a = rgb(VIRIDIS[i]), b = rgb(VIRIDIS[i + 1]);
  return `#${a.map((v, k) => Math.round(v + (b[k] - v) * f).toString(16).padStart(2, '0')).join('')}`;
}
