/**
 * An independent reference for Python's basic indexing, for tests: the indices each axis keeps
 * (range(*slice(...).indices(n)) for a slice), then every combination read from the flat data.
 * It shares no code with bindings/kernels/index-spec.ts.
 */

type Item = { index: number } | { range: number[] } | 'new' | '...';

function sliceIndices(text: string, n: number): number[] {
  const [startText, stopText, stepText] = text.split(':');
  const step = stepText && stepText.trim() ? Number(stepText) : 1;
  const clamp = (v: number, low: number, high: number) => Math.min(Math.max(v, low), high);
  const norm = (t: string | undefined, fallback: number) => {
    if (t === undefined || t.trim() === '') return fallback;
    const v = Number(t);
    return v < 0 ? v + n : v;
  };
  const out: number[] = [];
  if (step > 0) {
    const start = clamp(norm(startText, 0), 0, n), stop = clamp(norm(stopText, n), 0, n);
    for (let i = start; i < stop; i += step) out.push(i);
  } else {
    const start = clamp(norm(startText, n - 1), -1, n - 1), stop = clamp(norm(stopText, -1), -1, n - 1);
    for (let i = start; i > stop; i += step) out.push(i);
  }
  return out;
}

/** The shape and values Python's x[spec] gives for x of shape with row-major data. */
export function pythonIndex(data: ArrayLike<number>, shape: readonly number[], spec: string): { shape: number[]; values: number[] } {
  const parts = spec.split(',').map((p) => p.trim());
  const named = parts.filter((p) => p !== '...' && p !== 'None').length;
  const items: Item[] = [];
  let axis = 0;
  for (const part of parts) {
    if (part === '...') {
      for (let i = 0; i < shape.length - named; i++) items.push({ range: [...Array(shape[axis++]).keys()] });
    } else if (part === 'None') items.push('new');
    else if (part.includes(':')) items.push({ range: sliceIndices(part, shape[axis++]) });
    else {
      const v = Number(part);
      items.push({ index: v < 0 ? v + shape[axis] : v });
      axis++;
    }
  }
  while (axis < shape.length) items.push({ range: [...Array(shape[axis++]).keys()] });
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const outShape: number[] = [];
  for (const item of items) if (item === 'new') outShape.push(1); else if (item !== '...' && 'range' in item) outShape.push(item.range.length);
  const values: number[] = [];
  const walk = (i: number, d: number, offset: number) => {
    if (i === items.length) {
      values.push(data[offset]);
      return;
    }
    const item = items[i];
    if (item === 'new' || item === '...') walk(i + 1, d, offset);
    else if ('index' in item) walk(i + 1, d + 1, offset + item.index * strides[d]);
    else for (const j of item.range) walk(i + 1, d + 1, offset + j * strides[d]);
  };
  walk(0, 0, 0);
  return { shape: outShape, values };
}
