/** Class names of label indices (d2l's get_fashion_mnist_labels). */
import { IndexError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { describe } from '../validate.js';
import { FASHION_MNIST_CLASSES } from './image-set.js';

/**
 * The Fashion-MNIST class name of each label: `getFashionMnistLabels(y)` for a tensor of indices (read
 * synchronously: cpu and wasm; on WebGPU pass `await y.data()`) or any array of them.
 */
export function getFashionMnistLabels(labels: Tensor | ArrayLike<number>): string[] {
  const values = labels instanceof Tensor ? labels.dataSync() : labels;
  if (!values || typeof values !== 'object' || typeof values.length !== 'number')
    throw new ValueError(`getFashionMnistLabels: labels must be a tensor or an array of class indices, got ${describe(labels)}`);
  return Array.from({ length: values.length }, (_, i) => {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= FASHION_MNIST_CLASSES.length)
      throw new IndexError(`getFashionMnistLabels: labels[${i}] is ${describe(v)}, not a class index 0–9`);
    return FASHION_MNIST_CLASSES[v];
  });
}
