/**
 * Tensors that become unreachable without dispose() are freed after the JavaScript garbage collector
 * finds them: each tensor registers what it holds (its storage reference and graph node) with a
 * FinalizationRegistry, and dispose() unregisters it. JavaScript runs these callbacks between tasks,
 * never inside one synchronous loop: such a loop frees its garbage when it next yields to the event
 * loop (for await over a DataLoader does, every batch), or deterministically with tidy()/dispose().
 */
import type { SharedStorage } from './storage.js';

/** What a tensor holds that must be released when it goes: never the tensor itself. */
export interface Holdings {
  shared: SharedStorage | null;
  gradNode: { release(): void } | null;
}

let live = 0;
let collected = 0;

function release(holdings: Holdings): void {
  holdings.shared?.release();
  holdings.shared = null;
  holdings.gradNode?.release();
  holdings.gradNode = null;
  live--;
  collected++;
}

const registry = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<Holdings>(release) : null;

export function registerTensor(tensor: object, holdings: Holdings): void {
  live++;
  registry?.register(tensor, holdings, holdings);
}

/** A tensor was disposed: its holdings are released by the caller, not the collector. */
export function unregisterTensor(holdings: Holdings): void {
  registry?.unregister(holdings);
  live--;
}

/** Number of tensors created and neither disposed nor collected, across all backends. */
export function liveTensorCount(): number {
  return live;
}

/** Number of tensors freed by the garbage collector rather than dispose() (for tests and diagnostics). */
export function collectedTensorCount(): number {
  return collected;
}
