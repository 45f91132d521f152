/** d2l.show_images: a grid of grey or colour images with titles, pixels as embedded PNGs. */
import { ShapeError, ValueError } from '../errors.js';
import { toNDArray, type ArrayData, type NDArray } from './data.js';
import { PX_PER_INCH, TITLE_FONT_PX, textWidth } from './metrics.js';
import { checkCount } from './options.js';
import { encodePng, pngDataUri } from './png.js';
import { element, svgDocument, text } from './svg.js';

/** show_images' options. */
export interface ShowImagesOptions {
  /** One title per image drawn. */
  titles?: readonly string[] | null;
  /** Inches per grid cell (d2l's scale, default 1.5). */
  scale?: number;
  /** The values drawn black and white; by default 0 and 1, or 0 and 255 when any value exceeds 1. */
  vmin?: number;
  vmax?: number;
}

/** One image in height × width × channels order. */
interface Image {
  height: number;
  width: number;
  channels: 1 | 3 | 4;
  values: Float64Array;
}

const isChannels = (n: number | undefined): n is 1 | 3 | 4 => n === 1 || n === 3 || n === 4;

/** [H, W], [H, W, C] or [C, H, W] with C in 1, 3, 4 as H × W × C ([C, H, C] reads as H × W × C, as matplotlib would). */
function toImage(nd: NDArray, where: string): Image {
  const s = nd.shape;
  const bad = () => new ShapeError(`${where}: an image is [H, W], [H, W, C] or [C, H, W] with C = 1, 3 or 4; got shape [${s.join(', ')}]`);
  if (s.length === 2) return { height: s[0], width: s[1], channels: 1, values: nd.data };
  if (s.length !== 3) throw bad();
  if (isChannels(s[2])) return { height: s[0], width: s[1], channels: s[2], values: nd.data };
  if (!isChannels(s[0])) throw bad();
  const [c, h, w] = s as [1 | 3 | 4, number, number];
  const values = new Float64Array(nd.data.length);
  for (let k = 0; k < c; k++) for (let p = 0; p < h * w; p++) values[p * c + k] = nd.data[k * h * w + p];
  return { height: h, width: w, channels: c, values };
}

/** The first `count` images of a list, or of a batch tensor [N, H, W] / [N, …3 dims]. */
function toImages(images: unknown, count: number): Image[] {
  if (Array.isArray(images))
    return images.slice(0, count).map((img, i) => toImage(toNDArray(img, `showImages: images[${i}]`), `showImages: images[${i}]`));
  const nd = toNDArray(images, 'showImages: images');
  if (nd.shape.length === 2) return [toImage(nd, 'showImages: images')];
  if (nd.shape.length !== 3 && nd.shape.length !== 4)
    throw new ShapeError(`showImages: a batch of images is [N, H, W] or [N, C, H, W] / [N, H, W, C], got shape [${nd.shape.join(', ')}]`);
  const [n, ...inner] = nd.shape;
  const size = inner.reduce((a, b) => a * b, 1);
  return Array.from({ length: Math.min(n, count) }, (_, i) =>
    toImage({ shape: inner, data: nd.data.subarray(i * size, (i + 1) * size) }, `showImages: images[${i}]`));
}

function pixelBytes(img: Image, vmin: number, vmax: number): Uint8Array {
  const out = new Uint8Array(img.values.length);
  const span = vmax - vmin;
  for (let i = 0; i < out.length; i++) {
    const f = (img.values[i] - vmin) / span;
    out[i] = Number.isNaN(f) ? 0 : Math.round(Math.min(1, Math.max(0, f)) * 255);
  }
  return out;
}

/** The largest font (at most `font`, at least 6 px) at which `title` fits `width`, shortened with … if even that is too wide. */
function fitTitle(title: string, width: number, font: number): { title: string; font: number } {
  const size = Math.max(6, Math.min(font, width / Math.max(1e-9, textWidth(title, 1))));
  let shown = title;
  while (shown.length > 1 && textWidth(shown, size) > width) shown = shown.slice(0, -2) + '…';
  return { title: shown, font: size };
}

/**
 * Shows images in a numRows × numCols grid (d2l.show_images) and returns the SVG. `images` is a
 * list of images or one batch tensor: grey [H, W] or [1, H, W], colour [H, W, 3] or [3, H, W]
 * (RGBA with 4). Only the first numRows × numCols are drawn; titles go above their images.
 *
 * @example
 * const svg = showImages(X.reshape([18, 28, 28]), 2, 9, { titles: labels });
 */
export function showImages(images: ArrayData | readonly ArrayData[], numRows: number, numCols: number, options: ShowImagesOptions = {}): string {
  checkCount('showImages', 'numRows', numRows);
  checkCount('showImages', 'numCols', numCols);
  const scale = options.scale ?? 1.5;
  if (typeof scale !== 'number' || !(scale > 0 && scale <= 20)) throw new ValueError(`showImages: scale must be in (0, 20], got ${String(scale)}`);
  const list = toImages(images, numRows * numCols);
  list.forEach((img, i) => {
    if (img.height < 1 || img.width < 1) throw new ShapeError(`showImages: images[${i}] is empty (${img.height} × ${img.width})`);
  });
  const titles = options.titles ?? null;
  if (titles !== null && (!Array.isArray(titles) || titles.length < list.length || titles.some((t) => typeof t !== 'string')))
    throw new ValueError(`showImages: titles must be strings, one per image drawn (${list.length})`);
  let max = -Infinity;
  for (const img of list) for (const v of img.values) if (v > max) max = v;
  const vmin = options.vmin ?? 0, vmax = options.vmax ?? (max > 1 ? 255 : 1);
  if (!Number.isFinite(vmin) || !Number.isFinite(vmax) || !(vmax > vmin))
    throw new ValueError(`showImages: need finite vmin < vmax, got ${vmin} and ${vmax}`);
  const cell = scale * PX_PER_INCH, pad = cell * 0.04;
  const titleH = titles ? TITLE_FONT_PX * 1.3 : 0;
  const body = list.map((img, i) => {
    const x0 = (i % numCols) * cell, y0 = Math.floor(i / numCols) * cell;
    const fit = Math.min((cell - 2 * pad) / img.width, (cell - 2 * pad - titleH) / img.height);
    const w = img.width * fit, h = img.height * fit;
    const x = x0 + (cell - w) / 2, y = y0 + pad + titleH + (cell - 2 * pad - titleH - h) / 2;
    const png = encodePng(img.width, img.height, img.channels, pixelBytes(img, vmin, vmax));
    const parts = [element('image', {
      x, y, width: w, height: h, preserveAspectRatio: 'none', 'image-rendering': 'optimizeSpeed',
      style: 'image-rendering:pixelated', href: pngDataUri(png),
    })];
    if (titles?.[i]) {
      const t = fitTitle(titles[i], cell - 2 * pad, TITLE_FONT_PX);
      parts.push(text(x0 + cell / 2, y - 0.3 * t.font, t.title, { 'text-anchor': 'middle', 'font-size': t.font }));
    }
    return parts.join('\n');
  });
  return svgDocument(numCols * cell, numRows * cell, body, TITLE_FONT_PX);
}
