/**
 * Resizing images on the host with the bilinear (triangle) filter of PIL, which torchvision's Resize
 * uses: plain bilinear interpolation when enlarging, an averaging filter as wide as the scale when
 * shrinking. Values are kept as f32 (PIL rounds to bytes).
 */
import { ResourceLimitError, ValueError } from '../errors.js';
import { describe, integer } from '../validate.js';

/** The most values one result may hold (4 GiB of f32). */
const MAX_VALUES = 2 ** 30;

/** Per output position: the first input position and the normalised weights from there. */
function filterTaps(inSize: number, outSize: number): { start: number; weights: Float32Array }[] {
  const scale = inSize / outSize, stretch = Math.max(scale, 1);
  return Array.from({ length: outSize }, (_, o) => {
    const center = (o + 0.5) * scale;
    const start = Math.max(0, Math.floor(center - stretch + 0.5)), end = Math.min(inSize, Math.floor(center + stretch + 0.5));
    const weights = Float32Array.from({ length: end - start }, (_, i) => Math.max(0, 1 - Math.abs((start + i - center + 0.5) / stretch)));
    const total = weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) weights[i] /= total;
    return { start, weights };
  });
}

/** A size as torchvision's Resize takes it: n for n × n, or [height, width]. */
export function imageSize(fn: string, size: number | readonly [number, number]): [number, number] {
  if (typeof size === 'number') return [integer(fn, 'resize', size, { min: 1 }), size];
  if (!Array.isArray(size) || size.length !== 2) throw new ValueError(`${fn}: resize must be a size or [height, width], got ${describe(size)}`);
  return [integer(fn, 'resize[0]', size[0], { min: 1 }), integer(fn, 'resize[1]', size[1], { min: 1 })];
}

function sizeArgument(argument: string, size: unknown): [number, number] {
  if (!Array.isArray(size) || size.length !== 2) throw new ValueError(`resizeImages: ${argument} must be [height, width], got ${describe(size)}`);
  return [integer('resizeImages', `${argument}[0]`, size[0], { min: 1 }), integer('resizeImages', `${argument}[1]`, size[1], { min: 1 })];
}

/** `count` images of `from` = [height, width] (row-major, one channel each) resized to `to`. */
export function resizeImages(images: Float32Array, count: number, from: readonly [number, number], to: readonly [number, number]): Float32Array {
  if (!(images instanceof Float32Array)) throw new ValueError(`resizeImages: images must be a Float32Array, got ${describe(images)}`);
  integer('resizeImages', 'count', count, { min: 0 });
  const [h, w] = sizeArgument('from', from), [H, W] = sizeArgument('to', to);
  if (images.length !== count * h * w) throw new ValueError(`resizeImages: ${images.length} values are not ${count} images of ${h}×${w}`);
  if (h === H && w === W) return images.slice();
  const columns = filterTaps(w, W), rows = filterTaps(h, H);
  if (count * H * W > MAX_VALUES || h * W > MAX_VALUES)
    throw new ResourceLimitError(`resizeImages: ${count} images of ${H}×${W} exceed ${MAX_VALUES} values`);
  const out = new Float32Array(count * H * W), wide = new Float32Array(h * W);
  for (let n = 0; n < count; n++) {
    const image = images.subarray(n * h * w, (n + 1) * h * w);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < W; x++) {
        const { start, weights } = columns[x];
        let v = 0;
        for (let i = 0; i < weights.length; i++) v += weights[i] * image[y * w + start + i];
        wide[y * W + x] = v;
      }
    for (let y = 0; y < H; y++) {
      const { start, weights } = rows[y];
      for (let x = 0; x < W; x++) {
        let v = 0;
        for (let i = 0; i < weights.length; i++) v += weights[i] * wide[(start + i) * W + x];
        out[n * H * W + y * W + x] = v;
      }
    }
  }
  return out;
}
