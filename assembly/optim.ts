// Optimizer updates, in place (PyTorch's SGD with dampening 0, and Adam with L2 weight decay).
import { madd } from './simd';

export function sgdUpdate(param: usize, grad: usize, velocity: usize, length: i32, lr: f32, weightDecay: f32, momentum: f32): void {
  const useVelocity = velocity != 0 && momentum != 0;
  const lrV = f32x4.splat(lr), wdV = f32x4.splat(weightDecay), momV = f32x4.splat(momentum);
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    const at = <usize>i << 2;
    const p = v128.load(param + at);
    let g = madd(wdV, p, v128.load(grad + at));
    if (useVelocity) {
      g = madd(momV, v128.load(velocity + at), g);
      v128.store(velocity + at, g);
    }
    v128.store(param + at, f32x4.sub(p, f32x4.mul(lrV, g)));
  }
  for (; i < length; i++) {
    const at = <usize>i << 2;
    const p = load<f32>(param + at);
    let g = load<f32>(grad + at) + weightDecay * p;
    if (useVelocity) {
      g = momentum * load<f32>(velocity + at) + g;
      store<f32>(velocity + at, g);
    }
    store<f32>(param + at, p - lr * g);
  }
}

export function adamUpdate(
  param: usize, grad: usize, m: usize, v: usize, length: i32,
  lr: f32, beta1: f32, beta2: f32, eps: f32, weightDecay: f32, biasCorrection1: f32, biasCorrection2: f32,
): void {
  const b1 = f32x4.splat(beta1), b2 = f32x4.splat(beta2);
  const c1 = f32x4.splat(1 - beta1), c2 = f32x4.splat(1 - beta2);
  const wd = f32x4.splat(weightDecay), epsV = f32x4.splat(eps), lrV = f32x4.splat(lr);
  const inv1 = f32x4.splat(1 / biasCorrection1), inv2 = f32x4.splat(1 / biasCorrection2);
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    const at = <usize>i << 2;
    const p = v128.load(param + at);
    const g = madd(wd, p, v128.load(grad + at));
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + at)), f32x4.mul(c1, g));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + at)), f32x4.mul(f32x4.mul(c2, g), g));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const denom = f32x4.add(f32x4.sqrt(f32x4.mul(vi, inv2)), epsV);
    v128.store(param + at, f32x4.sub(p, f32x4.div(f32x4.mul(lrV, f32x4.mul(mi, inv1)), denom)));
  }
  for (; i < length; i++) {
    const at = <usize>i << 2;
    const p = load<f32>(param + at);
    const g = load<f32>(grad + at) + weightDecay * p;
    const mi = beta1 * load<f32>(m + at) + (1 - beta1) * g;
    const vi = beta2 * load<f32>(v + at) + (1 - beta2) * g * g;
    store<f32>(m + at, mi);
    store<f32>(v + at, vi);
    store<f32>(param + at, p - (lr * (mi / biasCorrection1)) / (Mathf.sqrt(vi / biasCorrection2) + eps));
  }
}
