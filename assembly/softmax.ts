// Row softmax and log-softmax of x [rows, cols], max-subtracted.
import { expShifted, rowMax, scaleShift, sumExpShifted } from './rows';

export function softmax(x: usize, out: usize, rows: i32, cols: i32, log: bool): void {
  const rowBytes = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes, yr = out + <usize>r * rowBytes;
    const m = rowMax(xr, cols);
    if (log) {
      const logTotal = Mathf.log(sumExpShifted(xr, cols, m));
      scaleShift(xr, yr, cols, 1, -(m + logTotal));
    } else {
      const total = expShifted(xr, yr, cols, m);
      scaleShift(yr, yr, cols, 1 / total, 0);
    }
  }
}
