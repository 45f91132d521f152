/** SVG text writing without a DOM: escaped text, compact numbers, elements, the document. */

/** Text made safe for XML content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate or length as SVG text, to 1/100 px. Non-finite numbers are a layout bug, never written. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`plot: internal layout error, a coordinate is ${value}`);
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

export type Attributes = Record<string, string | number | null | undefined>;

function attributeText(attrs: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    out += ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return out;
}

/** One element; `content` is SVG markup already (use text() for plain text); none: self-closing. */
export function element(name: string, attrs: Attributes, content?: string): string {
  return content === undefined ? `<${name}${attributeText(attrs)}/>` : `<${name}${attributeText(attrs)}>${content}</${name}>`;
}

/** A <text> element holding plain (escaped) text. */
export function text(x: number, y: number, value: string, attrs: Attributes = {}): string {
  return element('text', { x, y, ...attrs }, escapeXml(value));
}

/** Points of a polyline or polygon: "x0,y0 x1,y1 …" from a flat [x0, y0, x1, y1, …] list. */
export function pointList(flat: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) parts.push(`${num(flat[i])},${num(flat[i + 1])}`);
  return parts.join(' ');
}

/** The font stack every picture uses (matplotlib's DejaVu Sans first). */
export const FONT_FAMILY = 'DejaVu Sans, Verdana, Arial, Helvetica, sans-serif';

/** A standalone SVG document of the given pixel size on a white background. */
export function svgDocument(width: number, height: number, body: readonly string[], fontPx: number): string {
  const w = num(width), h = num(height);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" ` +
      `font-family="${FONT_FAMILY}" font-size="${num(fontPx)}">`,
    `<rect x="0" y="0" width="${w}" height="${h}" fill="white"/>`,
    ...body,
    '</svg>',
  ].join('\n') + '\n';
}
