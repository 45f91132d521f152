/** matplotlib format strings ('r--', 'go', 'C1-.', 'k:x'): colour, line style and marker. */
import { ValueError } from '../errors.js';
import { COLOR_LETTERS, TAB10 } from './colors.js';

export type LineStyleName = '-' | '--' | '-.' | ':';
export type MarkerName = 'o' | '.' | ',' | 'x' | '+' | '*' | 's' | '^' | 'v' | '<' | '>' | 'd' | 'D' | 'p' | 'h';

/** Every marker symbol a format string may hold. */
export const MARKERS: readonly MarkerName[] = ['o', '.', ',', 'x', '+', '*', 's', '^', 'v', '<', '>', 'd', 'D', 'p', 'h'];
const LINE_STYLES: readonly LineStyleName[] = ['--', '-.', '-', ':'];

/** A parsed format: null colour means "next from the cycle"; null line style means markers only. */
export interface Format {
  color: string | null;
  lineStyle: LineStyleName | null;
  marker: MarkerName | null;
}

/**
 * Parses a matplotlib format string. A format with a marker and no line style draws markers only;
 * an empty one draws a solid line. The whole string may also be a colour ('#1f77b4', 'C3').
 * `where` names the argument in error messages.
 */
export function parseFmt(fmt: string, where = 'fmt'): Format {
  if (typeof fmt !== 'string') throw new ValueError(`${where}: a format must be a string, got ${typeof fmt}`);
  if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(fmt)) return { color: fmt, lineStyle: '-', marker: null };
  const out: Format = { color: null, lineStyle: null, marker: null };
  const twice = (what: string) => new ValueError(`${where}: format '${fmt}' has two ${what}s`);
  let i = 0;
  while (i < fmt.length) {
    const style = LINE_STYLES.find((s) => fmt.startsWith(s, i));
    const cycle = /^C(\d)/.exec(fmt.slice(i));
    if (style) {
      if (out.lineStyle) throw twice('line style');
      out.lineStyle = style;
      i += style.length;
    } else if (cycle) {
      if (out.color) throw twice('colour');
      out.color = TAB10[Number(cycle[1])];
      i += 2;
    } else if (COLOR_LETTERS[fmt[i]]) {
      if (out.color) throw twice('colour');
      out.color = COLOR_LETTERS[fmt[i++]];
    } else if ((MARKERS as readonly string[]).includes(fmt[i])) {
      if (out.marker) throw twice('marker');
      out.marker = fmt[i++] as MarkerName;
    } else {
      throw new ValueError(`${where}: format '${fmt}' has an unrecognised character '${fmt[i]}'`);
    }
  }
  if (out.lineStyle === null && out.marker === null) out.lineStyle = '-';
  return out;
}

/** One colour: a format letter ('r'), a cycle colour ('C3'), '#rgb' / '#rrggbb', or a CSS colour name. */
export function parseColor(color: string, where = 'color'): string {
  if (typeof color !== 'string') throw new ValueError(`${where}: a colour must be a string, got ${typeof color}`);
  if (COLOR_LETTERS[color]) return COLOR_LETTERS[color];
  const cycle = /^C(\d)$/.exec(color);
  if (cycle) return TAB10[Number(cycle[1])];
  if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) || /^[a-z]{3,}$/i.test(color)) return color;
  throw new ValueError(`${where}: '${color}' is not a colour`);
}
