/** An in-memory data set: n examples of f32 features and their targets, row-major on the host. */
import { ShapeError, ValueError } from '../errors.js';
import { checkShape, formatShape, shapeSize } from '../shape.js';
import { describe, integer } from '../validate.js';

const TARGET_KINDS = [Float32Array, Float64Array, Uint8Array, Uint16Array, Int32Array, Uint32Array];

function checkTargets(fn: string, y: unknown): void {
  if (!TARGET_KINDS.some((kind) => y instanceof kind))
    throw new ValueError(`${fn}: y must be a Float32Array, Float64Array, Uint8Array, Uint16Array, Int32Array or Uint32Array, got ${describe(y)}`);
}

/** Throws ValueError unless `data` has the fields of a Dataset. */
export function checkDataset(fn: string, data: unknown): asserts data is Dataset {
  const d = data as Partial<Dataset> | null;
  const ok = d !== null && typeof d === 'object' && Number.isSafeInteger(d.length) && d.length! >= 0 &&
    d.x instanceof Float32Array && TARGET_KINDS.some((kind) => d.y instanceof kind) &&
    Array.isArray(d.exampleShape) && Array.isArray(d.targetShape);
  if (!ok)
    throw new ValueError(`${fn}: expected a Dataset (length, x, exampleShape, y, targetShape; see makeDataset()), got ${describe(data)}`);
}

/** Class indices (Uint8Array, Int32Array …) or real-valued targets (Float32Array). */
export type TargetArray = Float32Array | Float64Array | Uint8Array | Uint16Array | Int32Array | Uint32Array;

export interface Dataset<Y extends TargetArray = TargetArray> {
  /** Number of examples. */
  readonly length: number;
  /** Features, [length, ...exampleShape]. */
  readonly x: Float32Array;
  /** Shape of one example's features, e.g. [784]. */
  readonly exampleShape: readonly number[];
  /** Targets, [length, ...targetShape]. */
  readonly y: Y;
  /** Shape of one example's target: [] for a class index, [1] for one real value. */
  readonly targetShape: readonly number[];
}

/** Checks that x and y hold the same number of examples of the given shapes. */
export function makeDataset<Y extends TargetArray>(
  x: Float32Array, y: Y, exampleShape: readonly number[], targetShape: readonly number[] = [],
): Dataset<Y> {
  if (!(x instanceof Float32Array)) throw new ValueError(`makeDataset: x must be a Float32Array, got ${describe(x)}`);
  checkTargets('makeDataset', y);
  checkShape(exampleShape, 'makeDataset: exampleShape');
  checkShape(targetShape, 'makeDataset: targetShape');
  const xSize = shapeSize(exampleShape), ySize = shapeSize(targetShape);
  if (xSize === 0) throw new ShapeError(`dataset: example shape ${formatShape(exampleShape)} is empty`);
  if (x.length % xSize !== 0)
    throw new ShapeError(`dataset: ${x.length} features do not split into examples of shape ${formatShape(exampleShape)}`);
  const length = x.length / xSize;
  if (y.length !== length * ySize)
    throw new ShapeError(
      `dataset: ${length} examples of shape ${formatShape(exampleShape)} need ${length * ySize} targets ` +
        `of shape ${formatShape(targetShape)}, got ${y.length}`,
    );
  return { length, x, exampleShape: [...exampleShape], y, targetShape: [...targetShape] };
}

function sameKind<Y extends TargetArray>(y: Y, length: number): Y {
  return new (y.constructor as new (n: number) => Y)(length);
}

/** The examples at `indices`, in that order, copied. */
export function subset<Y extends TargetArray>(data: Dataset<Y>, indices: ArrayLike<number>): Dataset<Y> {
  checkDataset('subset', data);
  checkIndices('subset', indices);
  const xSize = shapeSize(data.exampleShape), ySize = shapeSize(data.targetShape);
  const x = new Float32Array(indices.length * xSize);
  const y = sameKind(data.y, indices.length * ySize);
  gather(data, indices, 0, indices.length, x, y);
  return { length: indices.length, x, exampleShape: data.exampleShape, y, targetShape: data.targetShape };
}

function checkIndices(fn: string, indices: unknown): asserts indices is ArrayLike<number> {
  const ok = indices !== null && typeof indices === 'object' && Number.isSafeInteger((indices as ArrayLike<number>).length);
  if (!ok) throw new ValueError(`${fn}: indices must be an array of example indices, got ${describe(indices)}`);
}

/** Copies examples indices[start … end) into x and y (which must be large enough). */
export function gather<Y extends TargetArray>(
  data: Dataset<Y>, indices: ArrayLike<number>, start: number, end: number, x: Float32Array, y: TargetArray,
): void {
  checkDataset('gather', data);
  checkIndices('gather', indices);
  integer('gather', 'start', start, { min: 0, max: indices.length });
  integer('gather', 'end', end, { min: start, max: indices.length });
  if (!(x instanceof Float32Array)) throw new ValueError(`gather: x must be a Float32Array, got ${describe(x)}`);
  checkTargets('gather', y);
  const xSize = shapeSize(data.exampleShape), ySize = shapeSize(data.targetShape);
  if (x.length < (end - start) * xSize || y.length < (end - start) * ySize)
    throw new ShapeError(`gather: x and y must hold ${end - start} examples (${(end - start) * xSize} features, ${(end - start) * ySize} targets)`);
  for (let i = start; i < end; i++) {
    const index = indices[i];
    if (!(index >= 0 && index < data.length && Number.isInteger(index)))
      throw new ValueError(`gather: index ${describe(index)} is out of range for a data set of ${data.length} examples`);
    const row = i - start;
    x.set(data.x.subarray(index * xSize, (index + 1) * xSize), row * xSize);
    if (ySize === 1) y[row] = data.y[index];
    else y.set(data.y.subarray(index * ySize, (index + 1) * ySize), row * ySize);
  }
}

/** Indices of the first `perClass` entries of each label value, in order. */
export function perClassIndices(labels: ArrayLike<number>, perClass: number, op = 'perClassIndices'): number[] {
  checkIndices(op, labels);
  integer(op, 'perClass', perClass, { min: 0 });
  const seen = new Map<number, number>();
  const indices: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const count = seen.get(labels[i]) ?? 0;
    if (count < perClass) {
      indices.push(i);
      seen.set(labels[i], count + 1);
    }
  }
  return indices;
}

/** The first `perClass` examples of each class (class-index targets only), in data set order. */
export function takePerClass<Y extends TargetArray>(data: Dataset<Y>, perClass: number): Dataset<Y> {
  checkDataset('takePerClass', data);
  if (data.targetShape.length !== 0) throw new ShapeError('takePerClass: needs class-index targets (targetShape [])');
  return subset(data, perClassIndices(data.y, perClass, 'takePerClass'));
}

/** Targets as f32, the form a tensor holds them in (Float32Array targets are returned as they are). */
export function targetsAsFloat32(y: TargetArray): Float32Array {
  return y instanceof Float32Array ? y : Float32Array.from(y);
}

/** How many examples each class has: counts[c] for class c. */
export function classCounts(data: Dataset, classes: number): number[] {
  checkDataset('classCounts', data);
  integer('classCounts', 'classes', classes, { min: 0, max: 2 ** 32 - 1 });
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < data.length; i++) {
    const label = data.y[i];
    if (!(Number.isInteger(label) && label >= 0 && label < classes))
      throw new ValueError(`classCounts: target ${i} is ${label}, not a class index in [0, ${classes})`);
    counts[label]++;
  }
  return counts;
}
