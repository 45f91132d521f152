/**
 * d2l 4.6, dropout: 784 → 256 (ReLU, dropout 0.2) → 256 (ReLU, dropout 0.5) → 10, lr 0.5,
 * batch 256, 10 epochs. Dropout is active while training and off for the test accuracy.
 */
import { trainClassifier } from './classifier.js';
import { runAsScript, type ExampleOptions } from './common.js';

export function main(options: ExampleOptions = {}) {
  return trainClassifier({ model: 'dropout-mlp', lr: 0.5, label: 'dropout MLP', figure: 'dropout-mlp-training' }, options);
}

runAsScript(import.meta.url, main);
