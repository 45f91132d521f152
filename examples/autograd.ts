/**
 * d2l 2.5, automatic differentiation: the gradient of y = 2xᵀx is 4x; gradients accumulate until
 * reset; a non-scalar y backpropagates a gradient argument (or y.sum()); detach() cuts u = y out of
 * the graph so z = u·x has gradient u; and a function with a loop and a branch on the data still
 * has a gradient, d / a, because it is linear in a.
 */
import { arange, dot, manualSeed, onesLike, randn, type Tensor } from '../bindings/index.js';
import { runSection } from './book-section.js';
import { logger, runAsScript, type ExampleOptions } from './common.js';

export interface AutogradResult {
  x: number[];
  /** d(2xᵀx)/dx. */
  gradDot: number[];
  /** d(sum x)/dx after the reset. */
  gradSum: number[];
  /** d(sum x·x)/dx through a gradient argument, and through y.sum(). */
  gradNonScalar: number[];
  gradNonScalarSum: number[];
  /** z = u·x with u = (x·x).detach(): its gradient, and u. */
  gradDetached: number[];
  u: number[];
  /** y.sum().backward() afterwards: 2x. */
  gradThroughY: number[];
  /** f(a) with control flow: a, f(a) and a.grad. */
  controlFlow: { a: number; d: number; grad: number };
}

/** The book's f: doubles until the norm reaches 1000, then keeps or scales by 100 on the sign. */
function f(a: Tensor): Tensor {
  let b = a.mul(2);
  while (b.norm().item() < 1000) b = b.mul(2);
  const c = b.sum().item() > 0 ? b : b.mul(100);
  return c;
}

export async function main(options: ExampleOptions = {}): Promise<AutogradResult> {
  const log = logger(options);
  manualSeed(options.seed ?? 0);
  const list = (t: Tensor | null) => (t ? (t.tolist() as number[]) : []);
  return runSection(options, () => {
    // 2.5.1 A simple function
    const x = arange(4.0);
    x.requiresGrad_(true);
    log(`x.grad: ${x.grad}`);
    let y = dot(x, x).mul(2);
    log(`y = 2 * dot(x, x): ${y}`);
    y.backward();
    log(`x.grad: ${x.grad}`);
    log(`x.grad == 4 * x: ${x.grad!.eq(x.mul(4))}`);
    const gradDot = list(x.grad);
    x.grad!.zero_();
    y = x.sum();
    y.backward();
    log(`after x.grad.zero_(), y = x.sum(); y.backward(): x.grad = ${x.grad}`);
    const gradSum = list(x.grad);

    // 2.5.2 Backward for non-scalar variables
    x.grad!.zero_();
    y = x.mul(x);
    y.backward(onesLike(y));
    log(`y = x * x; y.backward(onesLike(y)): x.grad = ${x.grad}`);
    const gradNonScalar = list(x.grad);
    x.grad!.zero_();
    x.mul(x).sum().backward();
    log(`(x * x).sum().backward(): x.grad = ${x.grad}`);
    const gradNonScalarSum = list(x.grad);

    // 2.5.3 Detaching computation
    x.grad!.zero_();
    y = x.mul(x);
    const u = y.detach();
    const z = u.mul(x);
    z.sum().backward();
    log(`u = y.detach(); z = u * x; z.sum().backward(): x.grad == u: ${x.grad!.eq(u)}`);
    const gradDetached = list(x.grad);
    x.grad!.zero_();
    y.sum().backward();
    log(`y.sum().backward(): x.grad == 2 * x: ${x.grad!.eq(x.mul(2))}`);
    const gradThroughY = list(x.grad);

    // 2.5.4 Gradients and Python control flow
    const a = randn([], { requiresGrad: true });
    const d = f(a);
    d.backward();
    log(`a = ${a}, d = f(a) = ${d}, a.grad = ${a.grad}`);
    log(`a.grad == d / a: ${a.grad!.eq(d.div(a))}`);

    return {
      x: list(x), gradDot, gradSum, gradNonScalar, gradNonScalarSum, gradDetached, u: list(u), gradThroughY,
      controlFlow: { a: a.item(), d: d.item(), grad: a.grad!.item() },
    };
  });
}

runAsScript(import.meta.url, main);
