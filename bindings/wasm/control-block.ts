/**
 * The words the main thread and the kernel workers share (a SharedArrayBuffer): one job at a time, a
 * kernel run over a table of chunks (argument lists). CLAIM holds the job's tag (its sequence number,
 * low 24 bits) above the index of the next chunk to claim (low 8 bits). The main thread first closes
 * CLAIM (the new tag with CLAIM_CLOSED as index), then writes the job, then opens CLAIM (the new tag,
 * index 0) and bumps SEQ; every thread, the main one included, claims chunks by compare-and-swap on
 * CLAIM until none is left, and reads the job only after a claim succeeds. Closing first matters: a
 * worker still looking at the previous job's exhausted CLAIM could otherwise read the new, larger
 * CHUNKS and win its compare-and-swap before CLAIM changed, running a chunk of a half-written job
 * and counting it once too often. Each chunk run is counted in FINISHED; the main thread returns once
 * FINISHED reaches the chunk count. The worker receives the layout as a ControlLayout (its embedded
 * source cannot import it).
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
/** CLAIM = tag << CLAIM_INDEX_BITS | index; tags are sequence numbers modulo 2^24. */
export const CLAIM_INDEX_BITS = 8;
export const CLAIM_TAG_MASK = 0xffffff;
/** An index no job reaches (MAX_CHUNKS < 255): CLAIM is closed while the main thread writes a job. */
export const CLAIM_CLOSED = 0xff;
/** The chunk table: MAX_CHUNKS × MAX_ARGS f64, from word ARGS (8-byte aligned) on. */
export const ARGS = 16;
/** The error text, UTF-16, after the chunk table. */
export const ERROR_TEXT = ARGS + 2 * MAX_ARGS * MAX_CHUNKS;
export const ERROR_CHARS = 512;
export const CONTROL_WORDS = ERROR_TEXT + ERROR_CHARS / 2;

/** The layout as one object, sent to each worker. */
export const CONTROL_LAYOUT = {
  SEQ, CLAIM, FINISHED, KERNEL, CHUNKS, ARG_COUNT, THREAD_ARG, FAILED, ERROR_LENGTH, ERROR_THREAD, STOP,
  MAX_ARGS, ARGS, ERROR_TEXT, ERROR_CHARS, CLAIM_INDEX_BITS, CLAIM_TAG_MASK,
} as const;

export type ControlLayout = { readonly [K in keyof typeof CONTROL_LAYOUT]: number };
