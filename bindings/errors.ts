/** Base class of every error webgrad throws on purpose. */
export class WebgradError extends Error {
  constructor(message: string) {
    // String() as Error does, but a symbol too (Error's own conversion refuses one).
    super(typeof message === 'symbol' ? String(message) : message);
    this.name = new.target.name;
  }
}

/** Shapes that do not fit the op: mismatched, non-integer, negative. */
export class ShapeError extends WebgradError {}

/** An argument outside its domain: a dropout p outside [0, 1), a NaN or out-of-range label, a bad option. */
export class ValueError extends WebgradError {}

/** A tensor (or a backend) used after dispose(). */
export class DisposedError extends WebgradError {}

/** A backend failed, or cannot do what was asked (device lost, no adapter, ...). */
export class BackendError extends WebgradError {}

/** An allocation over what the device or the heap allows. */
export class ResourceLimitError extends BackendError {}

/** An index outside its axis, or more indices than axes (PyTorch's IndexError). */
export class IndexError extends ValueError {}
