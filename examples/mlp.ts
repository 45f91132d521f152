/** d2l 4.2/4.3, multilayer perceptron on Fashion-MNIST: 784 → 256 (ReLU) → 10, lr 0.1, batch 256, 10 epochs. */
import { trainClassifier } from './classifier.js';
import { runAsScript, type ExampleOptions } from './common.js';

export function main(options: ExampleOptions = {}) {
  return trainClassifier({ model: 'mlp', lr: 0.1, label: 'MLP', figure: 'mlp-training' }, options);
}

runAsScript(import.meta.url, main);
