/**
 * Turns the JSON that test/browser/smoke-checks.ts produced inside another runtime (Deno, Chromium)
 * into jest tests. A runtime or adapter that is missing fails the tests under CI (process.env.CI)
 * and skips them, with the reason, elsewhere; any other error always fails.
 */
import type { Comparison, SmokeResult } from './browser/smoke-checks.js';

export type RuntimeOutcome = SmokeResult | { error: string };

export function describeSmokeResult(name: string, outcome: RuntimeOutcome): void {
  if ('unavailable' in outcome && !process.env.CI) {
    console.warn(`skipping '${name}': ${outcome.unavailable}`);
    describe.skip(`${name} (skipped: ${outcome.unavailable})`, () => test('needs WebGPU', () => undefined));
    return;
  }
  describe(name, () => {
    if ('unavailable' in outcome || 'error' in outcome) {
      const message = 'unavailable' in outcome ? `WebGPU unavailable under CI: ${outcome.unavailable}` : outcome.error;
      test('runs the WebGPU checks', () => { throw new Error(message); });
      return;
    }
    const within = (label: string, c: Comparison) =>
      test(`${label} matches the cpu reference (max error ${c.maxError.toExponential(2)})`, () => {
        expect(c.maxError).toBeLessThanOrEqual(c.tolerance);
      });
    test(`runs on an adapter (${outcome.adapter})`, () => expect(outcome.adapter.length).toBeGreaterThan(0));
    within('matmul with bias and ReLU', outcome.matmul);
    within('softmax cross-entropy loss', outcome.crossEntropyLoss);
    within('softmax cross-entropy gradient', outcome.crossEntropyGrad);
    within('one training step: updated parameters', outcome.trainingStepParams);
    within('one training step: loss', outcome.trainingStepLoss);
    test('the training step reads nothing back', () => expect(outcome.readbacksDuringStep).toBe(0));
  });
}
