/** Elementwise and in-place Tensor methods (x.add(y).relu(), x.sub_(y)). */
import type { Tensor } from '../../tensor.js';
import { relu, sigmoid, tanh, gelu, type GeluOptions } from '../ops/activation.js';
import { abs, clamp, eq, ge, gt, isfinite, isnan, le, lt, maximum, minimum, ne, sign } from '../ops/compare.js';
import { add, cos, div, erf, exp, log, mul, neg, pow, reciprocal, sin, sqrt, square, sub, type Operand } from '../ops/elementwise.js';
import { addInPlace, clampInPlace, divInPlace, fillInPlace, mulInPlace, subInPlace, zeroInPlace } from '../ops/inplace.js';
import { installMethods } from './install.js';

declare module '../../tensor/tensor.js' {
  interface Tensor {
    add(other: Operand): Tensor;
    sub(other: Operand): Tensor;
    mul(other: Operand): Tensor;
    div(other: Operand): Tensor;
    pow(exponent: Operand): Tensor;
    maximum(other: Operand): Tensor;
    minimum(other: Operand): Tensor;
    eq(other: Operand): Tensor;
    ne(other: Operand): Tensor;
    gt(other: Operand): Tensor;
    ge(other: Operand): Tensor;
    lt(other: Operand): Tensor;
    le(other: Operand): Tensor;
    neg(): Tensor;
    abs(): Tensor;
    sign(): Tensor;
    square(): Tensor;
    sqrt(): Tensor;
    reciprocal(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    erf(): Tensor;
    relu(): Tensor;
    sigmoid(): Tensor;
    tanh(): Tensor;
    gelu(options?: GeluOptions): Tensor;
    clamp(min?: number | null, max?: number | null): Tensor;
    isnan(): Tensor;
    isfinite(): Tensor;
    /** In place: this += other (PyTorch's add_); returns this. */
    add_(other: Operand): Tensor;
    sub_(other: Operand): Tensor;
    mul_(other: Operand): Tensor;
    div_(other: Operand): Tensor;
    clamp_(min?: number | null, max?: number | null): Tensor;
    fill_(value: number): Tensor;
    zero_(): Tensor;
  }
}

installMethods({
  add(other: Operand) { return add(this, other); },
  sub(other: Operand) { return sub(this, other); },
  mul(other: Operand) { return mul(this, other); },
  div(other: Operand) { return div(this, other); },
  pow(exponent: Operand) { return pow(this, exponent); },
  maximum(other: Operand) { return maximum(this, other); },
  minimum(other: Operand) { return minimum(this, other); },
  eq(other: Operand) { return eq(this, other); },
  ne(other: Operand) { return ne(this, other); },
  gt(other: Operand) { return gt(this, other); },
  ge(other: Operand) { return ge(this, other); },
  lt(other: Operand) { return lt(this, other); },
  le(other: Operand) { return le(this, other); },
  neg() { return neg(this); },
  abs() { return abs(this); },
  sign() { return sign(this); },
  square() { return square(this); },
  sqrt() { return sqrt(this); },
  reciprocal() { return reciprocal(this); },
  exp() { return exp(this); },
  log() { return log(this); },
  sin() { return sin(this); },
  cos() { return cos(this); },
  erf() { return erf(this); },
  relu() { return relu(this); },
  sigmoid() { return sigmoid(this); },
  tanh() { return tanh(this); },
  gelu(options?: GeluOptions) { return gelu(this, options); },
  clamp(min?: number | null, max?: number | null) { return clamp(this, min, max); },
  isnan() { return isnan(this); },
  isfinite() { return isfinite(this); },
  add_(other: Operand) { return addInPlace(this, other); },
  sub_(other: Operand) { return subInPlace(this, other); },
  mul_(other: Operand) { return mulInPlace(this, other); },
  div_(other: Operand) { return divInPlace(this, other); },
  clamp_(min?: number | null, max?: number | null) { return clampInPlace(this, min, max); },
  fill_(value: number) { return fillInPlace(this, value); },
  zero_() { return zeroInPlace(this); },
});
