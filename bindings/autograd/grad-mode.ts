let enabled = true;

/** Whether ops record a graph for backward() (true unless inside noGrad()). */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Runs fn without recording a graph, like PyTorch's `with torch.no_grad()`. fn must be synchronous. */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
