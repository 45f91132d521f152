/**
 * d2l 4.1.2, activation functions: ReLU, sigmoid and tanh over x in [−8, 8) with x requiring grad,
 * and each one's derivative through autograd (y.backward(onesLike(x)), retaining the graph, x.grad
 * reset between them), plotted as the book does: six figures.
 */
import { arange, onesLike, plot, relu, sigmoid, tanh, type Tensor } from '../bindings/index.js';
import { runSection } from './book-section.js';
import { logger, runAsScript, saveFigure, type ExampleOptions } from './common.js';

export interface ActivationCurves {
  name: 'relu' | 'sigmoid' | 'tanh';
  y: number[];
  grad: number[];
}

export interface ActivationsResult {
  x: number[];
  curves: ActivationCurves[];
  /** Figure name → SVG. */
  figures: Record<string, string>;
}

export async function main(options: ExampleOptions = {}): Promise<ActivationsResult> {
  const log = logger(options);
  const result = await runSection(options, () => {
    const x = arange(-8.0, 8.0, 0.1, { requiresGrad: true });
    const figures: Record<string, string> = {};
    const curves: ActivationCurves[] = [];
    const activations: [ActivationCurves['name'], (x: Tensor) => Tensor][] = [['relu', relu], ['sigmoid', sigmoid], ['tanh', tanh]];
    for (const [name, activation] of activations) {
      const y = activation(x);
      figures[name] = plot.plot(x.detach(), y.detach(), { xlabel: 'x', ylabel: `${name}(x)`, figsize: [5, 2.5] });
      x.grad?.zero_();
      y.backward(onesLike(x), { retainGraph: true });
      figures[`${name}-grad`] = plot.plot(x.detach(), x.grad!, { xlabel: 'x', ylabel: `grad of ${name}`, figsize: [5, 2.5] });
      const grad = x.grad!.tolist() as number[];
      log(`${name}: y(−8) = ${y.get(0).item().toFixed(4)}, y(0) = ${y.get(80).item().toFixed(4)}; ` +
        `largest gradient ${Math.max(...grad).toFixed(4)} at x = ${x.get(grad.indexOf(Math.max(...grad))).item().toFixed(1)}`);
      curves.push({ name, y: y.tolist() as number[], grad });
    }
    return { x: x.tolist() as number[], curves, figures };
  });
  for (const [name, svg] of Object.entries(result.figures)) saveFigure(options, `activation-${name}`, svg);
  return result;
}

runAsScript(import.meta.url, main);
