/** d2l 3.6/3.7, softmax regression on Fashion-MNIST: Linear(784 → 10), lr 0.1, batch 256, 10 epochs. */
import { trainClassifier } from './classifier.js';
import { runAsScript, type ExampleOptions } from './common.js';

export function main(options: ExampleOptions = {}) {
  return trainClassifier({ model: 'softmax', lr: 0.1, label: 'softmax regression', figure: 'softmax-regression-training' }, options);
}

runAsScript(import.meta.url, main);
