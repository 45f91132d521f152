/**
 * The words the main thread and a kernel worker share, one slot per worker in a SharedArrayBuffer:
 * the main thread writes a call (kernel index, arguments) and bumps SEQ; the worker runs it, writes
 * STATUS (and an error text when the call threw) and sets DONE to the same sequence number.
 * The worker receives them as a ControlLayout (its embedded source cannot import them).
 */
export const SLOT_WORDS = 128;
export const SEQ = 0;
export const DONE = 1;
export const KERNEL = 2;
export const STATUS = 3;
export const ARG_COUNT = 4;
export const ERROR_LENGTH = 5;
/** Arguments are f64 from word ARGS (8-byte aligned) on. */
export const ARGS = 8;
export const MAX_ARGS = 24;
/** The error text, UTF-16, from word ERROR_TEXT to the end of the slot. */
export const ERROR_TEXT = ARGS + 2 * MAX_ARGS;
export const ERROR_CHARS = (SLOT_WORDS - ERROR_TEXT) * 2;
/** KERNEL value that ends the worker's loop. */
export const STOP = -1;
export const STATUS_OK = 0;
export const STATUS_FAILED = 1;

/** The layout as one object, sent to each worker. */
export const CONTROL_LAYOUT = {
  SLOT_WORDS, SEQ, DONE, KERNEL, STATUS, ARG_COUNT, ERROR_LENGTH, ARGS, MAX_ARGS, ERROR_TEXT, ERROR_CHARS, STOP,
  STATUS_OK, STATUS_FAILED,
} as const;

export type ControlLayout = { readonly [K in keyof typeof CONTROL_LAYOUT]: number };
