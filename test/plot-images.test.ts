import { inflateSync } from 'node:zlib';
import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { ShapeError, ValueError } from '../bindings/errors.js';
import { showImages } from '../bindings/plot/images.js';
import { encodePng } from '../bindings/plot/png.js';
import { tensor } from '../bindings/tensor.js';
import { canvasSize, checkSvg, elements } from './plot-svg.js';

/** Reads back an 8-bit, unfiltered PNG: size, channels and pixels (checks the CRCs and the zlib stream). */
function decodePng(bytes: Uint8Array): { width: number; height: number; channels: number; pixels: Uint8Array } {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8, width = 0, height = 0, channels = 0;
  const idat: Uint8Array[] = [];
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      channels = { 0: 1, 2: 3, 6: 4 }[data[9]]!;
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let r = 0; r < height; r++) {
    expect(raw[r * (stride + 1)]).toBe(0);
    pixels.set(raw.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1)), r * stride);
  }
  return { width, height, channels, pixels };
}

function imagesOf(svg: string) {
  return elements(svg, 'image').map((img) => {
    const uri = img.attrs.href;
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    return { attrs: img.attrs, png: decodePng(Buffer.from(uri.slice(22), 'base64')) };
  });
}

describe('PNG encoding', () => {
  test('round-trips grey, RGB and RGBA through a real inflater, also past one 64 KiB stored block', () => {
    for (const [w, h, c] of [[3, 2, 1], [2, 2, 3], [1, 1, 4], [300, 100, 3]] as const) {
      const pixels = Uint8Array.from({ length: w * h * c }, (_, i) => (i * 37) % 256);
      const png = decodePng(encodePng(w, h, c, pixels));
      expect(png).toEqual({ width: w, height: h, channels: c, pixels });
    }
  });

  test('a wrong pixel count is a ShapeError', () => {
    expect(() => encodePng(2, 2, 1, new Uint8Array(3))).toThrow(ShapeError);
  });
});

describe('showImages()', () => {
  const grey = (seed: number) => Array.from({ length: 28 }, (_, r) => Array.from({ length: 28 }, (_, c) => ((r * 28 + c + seed) * 13) % 256));

  test('a 2 × 9 grid of 28 × 28 grey images (0–255) with titles: crisp, small, titles above', () => {
    const titles = Array.from({ length: 18 }, (_, i) => ['t-shirt', 'ankle boot', 'bag'][i % 3]);
    const svg = showImages(Array.from({ length: 18 }, (_, i) => grey(i)), 2, 9, { titles });
    checkSvg(svg);
    expect(canvasSize(svg)).toEqual({ width: 1350, height: 300 });
    expect(svg.length).toBeLessThan(40_000);
    const images = imagesOf(svg);
    expect(images).toHaveLength(18);
    expect(images[0].png.width).toBe(28);
    expect(images[0].png.channels).toBe(1);
    expect(images[0].png.pixels[5]).toBe((5 * 13) % 256);
    expect(images[0].attrs.style).toBe('image-rendering:pixelated');
    const texts = elements(svg, 'text');
    expect(texts.map((t) => t.text)).toEqual(titles);
    for (let i = 0; i < 18; i++) {
      expect(Number(texts[i].attrs.y)).toBeLessThan(Number(images[i].attrs.y));
      expect(Number(texts[i].attrs.x)).toBeCloseTo(Number(images[i].attrs.x) + Number(images[i].attrs.width) / 2, 1);
    }
  });

  test('one batch tensor [N, H, W] in [0, 1]; only numRows × numCols are drawn', () => {
    const backend = new CpuBackend();
    const batch = tensor(Float32Array.from({ length: 5 * 4 * 6 }, (_, i) => (i % 11) / 10), [5, 4, 6], { backend });
    const images = imagesOf(showImages(batch, 1, 3));
    expect(images).toHaveLength(3);
    expect(images[0].png).toMatchObject({ width: 6, height: 4, channels: 1 });
    expect(images[1].png.pixels[0]).toBe(Math.round(((24 % 11) / 10) * 255));
  });

  test('grey [1, H, W]; colour [H, W, 3] and [3, H, W] give the same RGB pixels', () => {
    const hwc = Array.from({ length: 2 }, (_, r) => Array.from({ length: 5 }, (_, c) => [r, c / 2, 1 - c / 2].map((v) => Math.min(1, v))));
    const chw = [0, 1, 2].map((k) => hwc.map((row) => row.map((px) => px[k])));
    const [a, b] = imagesOf(showImages([hwc, chw], 1, 2, { titles: ['HWC', 'CHW'] }));
    expect(a.png.channels).toBe(3);
    expect(a.png.pixels).toEqual(b.png.pixels);
    expect([...a.png.pixels.subarray(0, 6)]).toEqual([0, 0, 255, 0, 128, 128]);
    const [g] = imagesOf(showImages([[[[0, 1], [1, 0]]]], 1, 1));
    expect(g.png).toMatchObject({ width: 2, height: 2, channels: 1 });
    expect([...g.png.pixels]).toEqual([0, 255, 255, 0]);
  });

  test('vmin/vmax set the black and white points; NaN draws black', () => {
    const [img] = imagesOf(showImages([[[-1, 0, 1, NaN]]], 1, 1, { vmin: -1, vmax: 1 }));
    expect([...img.png.pixels]).toEqual([0, 128, 255, 0]);
  });

  test('fewer images than cells leave cells empty; long titles shrink to fit their cell', () => {
    const svg = showImages([grey(0)], 2, 2, { titles: ['a title far too long for a cell of this size'], scale: 1 });
    checkSvg(svg);
    const [t] = elements(svg, 'text');
    expect(Number(t.attrs['font-size'])).toBeLessThan(16);
    expect(canvasSize(svg)).toEqual({ width: 200, height: 200 });
  });

  test('bad shapes and options are typed errors', () => {
    expect(() => showImages([[1, 2, 3]], 1, 1)).toThrow(ShapeError);
    expect(() => showImages([Array.from({ length: 2 }, () => [[1, 2], [3, 4]])], 1, 1)).toThrow(/an image is/);
    expect(() => showImages([grey(0)], 0, 1)).toThrow(new ValueError('showImages: numRows must be a positive integer, got 0'));
    expect(() => showImages([grey(0), grey(1)], 1, 2, { titles: ['one'] })).toThrow(/one per image/);
    expect(() => showImages([grey(0)], 1, 1, { scale: -1 })).toThrow(ValueError);
    expect(() => showImages([grey(0)], 1, 1, { vmin: 1, vmax: 1 })).toThrow(ValueError);
    expect(() => showImages({ shape: [2, 2, 2, 2, 2], dataSync: () => new Float32Array(32) }, 1, 1)).toThrow(ShapeError);
  });
});
