/**
 * d2l 2.4, calculus: the difference quotient (f(1 + h) − f(1)) / h of f(x) = 3x² − 4x approaches
 * f'(1) = 2 as h shrinks from 0.1 to 0.00001; then f and its tangent line at x = 1, y = 2x − 3,
 * plotted over [0, 3).
 */
import { arange, plot, type Tensor } from '../bindings/index.js';
import { runSection } from './book-section.js';
import { logger, runAsScript, saveFigure, type ExampleOptions } from './common.js';

export interface CalculusResult {
  /** [h, difference quotient] for h = 0.1 … 0.00001. */
  limits: [number, number][];
  svg: string;
}

const f = (x: number) => 3 * x ** 2 - 4 * x;
const fTensor = (x: Tensor) => x.pow(2).mul(3).sub(x.mul(4));

export async function main(options: ExampleOptions = {}): Promise<CalculusResult> {
  const log = logger(options);
  const limits: [number, number][] = [];
  for (let k = 1; k <= 5; k++) {
    const h = 10 ** -k;
    const quotient = (f(1 + h) - f(1)) / h;
    log(`h=${h.toFixed(5)}, numerical limit=${quotient.toFixed(5)}`);
    limits.push([h, quotient]);
  }
  const svg = await runSection(options, () => {
    const x = arange(0, 3, 0.1);
    return plot.plot(x, [fTensor(x), x.mul(2).sub(3)], { xlabel: 'x', ylabel: 'f(x)', legend: ['f(x)', 'Tangent line (x=1)'] });
  });
  saveFigure(options, 'calculus-tangent', svg);
  return { limits, svg };
}

runAsScript(import.meta.url, main);
