// Fused log-sum-exp softmax cross-entropy: per-row loss and, when grad != 0,
// grad[r] = (softmax(x[r]) - onehot(label[r])) * gradScale. A label that is not an integer
// in [0, cols) gives NaN loss and gradient for its row (and is never used as an index).
import { expShifted, rowMaxMin, scaleRow, sumExpShifted } from './rows';
import { fill } from './memory';

export function crossEntropy(
  logits: usize, labels: usize, loss: usize, grad: usize, rows: i32, cols: i32, gradScale: f32,
): void {
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const xr = logits + <usize>r * rowBytes;
    const label = load<f32>(labels + (<usize>r << 2));
    const valid = label >= 0 && label < <f32>cols && Mathf.floor(label) == label;
    const extremes = rowMaxMin(xr, cols);
    const m = f32x4.extract_lane(extremes, 0), least = f32x4.extract_lane(extremes, 1);
    let total: f32;
    if (grad) total = expShifted(xr, grad + <usize>r * rowBytes, cols, m, least);
    else total = sumExpShifted(xr, cols, m, least);
    const lossAt = loss + (<usize>r << 2);
    if (!valid) {
      store<f32>(lossAt, NaN);
      if (grad) fill(grad + <usize>r * rowBytes, NaN, cols);
      continue;
    }
    const labelAt = <usize><i32>label << 2;
    store<f32>(lossAt, Mathf.log(total) + (m - load<f32>(xr + labelAt)));
    if (grad) {
      const gr = grad + <usize>r * rowBytes;
      scaleRow(gr, gr, cols, gradScale / total);
      store<f32>(gr + labelAt, load<f32>(gr + labelAt) - gradScale);
    }
  }
}
