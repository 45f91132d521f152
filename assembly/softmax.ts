// Row softmax and log-softmax of x [rows, cols], max-subtracted. Each row's last pass also finds
// the next row's max and min, so that the next row's loads from memory overlap work on this one.
import { expShifted, logSoftmaxRowThenMaxMin, rowMaxMin, scaleRowThenMaxMin } from './rows';

export function softmax(x: usize, out: usize, rows: i32, cols: i32, log: bool): void {
  if (rows <= 0) return;
  const rowBytes = <usize>cols << 2;
  let extremes = rowMaxMin(x, cols);
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes, yr = out + <usize>r * rowBytes;
    // The last row reads itself again as its "next" row.
    const next = r + 1 < rows ? xr + rowBytes : xr;
    const m = f32x4.extract_lane(extremes, 0), least = f32x4.extract_lane(extremes, 1);
    // The output row (never x's, as the Backend contract says) holds the exps until it is
    // overwritten: storing them runs faster here than only summing them, also for log-softmax.
    const total = expShifted(xr, yr, cols, m, least);
    if (log) extremes = logSoftmaxRowThenMaxMin(xr, yr, cols, m, Mathf.log(total), next);
    else extremes = scaleRowThenMaxMin(yr, cols, 1 / total, next);
  }
}
