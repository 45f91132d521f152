// Row softmax and log-softmax of x [rows, cols], max-subtracted.
import { expShifted, logSoftmaxRow, rowMaxMin, scaleRow } from './rows';

export function softmax(x: usize, out: usize, rows: i32, cols: i32, log: bool): void {
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes, yr = out + <usize>r * rowBytes;
    const extremes = rowMaxMin(xr, cols);
    const m = f32x4.extract_lane(extremes, 0), least = f32x4.extract_lane(extremes, 1);
    if (log) {
      // The output row (never x's, as the Backend contract says) holds the exps until it is
      // overwritten: storing them runs faster here than only summing them.
      logSoftmaxRow(xr, yr, cols, m, Mathf.log(expShifted(xr, yr, cols, m, least)));
    } else {
      scaleRow(yr, yr, cols, 1 / expShifted(xr, yr, cols, m, least));
    }
  }
}
