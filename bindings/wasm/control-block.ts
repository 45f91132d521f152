/**
 * The words the main thread and the kernel workers share (a SharedArrayBuffer): one job at a time, a
 * kernel run over a table of chunks (argument lists). The main thread writes the job, resets CLAIM to
 * the job's tag (its sequence number, low 16 bits, in the high half) and bumps SEQ; then every thread,
 * the main one included, claims chunks by compare-and-swap on CLAIM until none is left, reading the
 * job only after a claim succeeds (so a worker that wakes late claims nothing, or a chunk of the
 * current job), and counts each chunk it ran in FINISHED. The main thread returns once FINISHED
 * reaches the chunk count. The worker receives the layout as a ControlLayout (its embedded source
 * cannot import it).
 */
export const SEQ = 0;
export const CLAIM = 1;
export const FINISHED = 2;
export const KERNEL = 3;
export const CHUNKS = 4;
export const ARG_COUNT = 5;
/** Which argument is replaced by the running thread's index (0 main, 1.. workers), or -1. */
export const THREAD_ARG = 6;
/** 0, or 1 once a chunk threw (the first one writes ERROR_TEXT). */
export const FAILED = 7;
export const ERROR_LENGTH = 8;
/** The thread whose chunk threw first. */
export const ERROR_THREAD = 9;
/** Set to 1 to end the workers. */
export const STOP = 10;
export const MAX_ARGS = 24;
export const MAX_CHUNKS = 64;
/** The chunk table: MAX_CHUNKS × MAX_ARGS f64, from word ARGS (8-byte aligned) on. */
export const ARGS = 16;
/** The error text, UTF-16, after the chunk table. */
export const ERROR_TEXT = ARGS + 2 * MAX_ARGS * MAX_CHUNKS;
export const ERROR_CHARS = 512;
export const CONTROL_WORDS = ERROR_TEXT + ERROR_CHARS / 2;

/** The layout as one object, sent to each worker. */
export const CONTROL_LAYOUT = {
  SEQ, CLAIM, FINISHED, KERNEL, CHUNKS, ARG_COUNT, THREAD_ARG, FAILED, ERROR_LENGTH, ERROR_THREAD, STOP,
  MAX_ARGS, ARGS, ERROR_TEXT, ERROR_CHARS,
} as const;

export type ControlLayout = { readonly [K in keyof typeof CONTROL_LAYOUT]: number };
