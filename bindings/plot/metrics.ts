/** Sizes as matplotlib sets them (points at a fixed pixel density) and text width estimates. */

/** Pixels per inch of figsize (matplotlib's default figure dpi). */
export const PX_PER_INCH = 100;

/** A length in typographic points (1/72 inch) as pixels. */
export function pt(points: number): number {
  return (points * PX_PER_INCH) / 72;
}

/** Font sizes: tick and axis labels and legend 10 pt, axes titles 12 pt. */
export const FONT_PX = pt(10);
export const TITLE_FONT_PX = pt(12);

// Advance widths in em of DejaVu Sans (a wide face, so estimates stay on the safe side for others).
const WIDTHS: Record<string, number> = {};
const GROUPS: [string, number][] = [
  ['0123456789#$_?', 0.636], [' .,:;', 0.318], ['il|!\'', 0.278], ['jI', 0.295], ['ft', 0.38], ['r', 0.411],
  ['()[]{}', 0.39], ['-', 0.361], ['/\\', 0.337], ['sz', 0.525], ['c', 0.55], ['kvxy', 0.592],
  ['abdeghnopqu', 0.625], ['w', 0.818], ['m', 0.974], ['+<=>×−~', 0.838], ['%', 0.95], ['&@', 0.78],
  ['⁰¹²³⁴⁵⁶⁷⁸⁹⁻', 0.42], ['ABCDEFGHKLNOPQRSTUVXYZ', 0.72], ['MW', 0.95], ['J', 0.3],
];
for (const [chars, width] of GROUPS) for (const ch of chars) WIDTHS[ch] = width;

/** Estimated width in pixels of `value` set at `fontPx` (no DOM is needed to lay out a picture). */
export function textWidth(value: string, fontPx: number): number {
  let em = 0;
  for (const ch of value) em += WIDTHS[ch] ?? 0.68;
  return em * fontPx;
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

/** An integer written in superscript digits: -5 → ⁻⁵. */
export function superscript(n: number): string {
  return [...String(n)].map((ch) => SUPERSCRIPT[ch] ?? ch).join('');
}
