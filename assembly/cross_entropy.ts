// Fused log-sum-exp softmax cross-entropy: per-row loss and, when grad != 0,
// grad[r] = (softmax(x[r]) - onehot(label[r])) * gradScale. A label that is not an integer
// in [0, cols) gives NaN loss and gradient for its row (and is never used as an index).
// With a gradient, each row's scaling pass also finds the next row's max and min (as softmax does).
import { expShifted, rowMaxMin, scaleRowThenMaxMin, sumExpShifted } from './rows';

export function crossEntropy(
  logits: usize, labels: usize, loss: usize, grad: usize, rows: i32, cols: i32, gradScale: f32,
): void {
  if (rows <= 0) return;
  const rowBytes = <usize>cols << 2;
  let extremes = rowMaxMin(logits, cols);
  for (let r = 0; r < rows; r++) {
    const xr = logits + <usize>r * rowBytes;
    // The last row reads itself again as its "next" row.
    const next = r + 1 < rows ? xr + rowBytes : xr;
    const label = load<f32>(labels + (<usize>r << 2));
    const valid = label >= 0 && label < <f32>cols && Mathf.floor(label) == label;
    const m = f32x4.extract_lane(extremes, 0), least = f32x4.extract_lane(extremes, 1);
    let total: f32;
    if (grad) {
      const gr = grad + <usize>r * rowBytes;
      total = expShifted(xr, gr, cols, m, least);
      // A NaN scale makes the whole row NaN for an invalid label.
      extremes = scaleRowThenMaxMin(gr, cols, valid ? gradScale / total : NaN, next);
    } else {
      total = sumExpShifted(xr, cols, m, least);
      extremes = rowMaxMin(next, cols);
    }
    const lossAt = loss + (<usize>r << 2);
    if (!valid) {
      store<f32>(lossAt, NaN);
      continue;
    }
    const labelAt = <usize><i32>label << 2;
    store<f32>(lossAt, Mathf.log(total) + (m - load<f32>(xr + labelAt)));
    if (grad) {
      const gl = grad + <usize>r * rowBytes + labelAt;
      store<f32>(gl, load<f32>(gl) - gradScale);
    }
  }
}
