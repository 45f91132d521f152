/**
 * The work handed to the GPU queue and not yet finished: one entry per submitted command batch, each
 * settled by its own queue.onSubmittedWorkDone() (the queue finishes batches in submission order).
 * Recording never waits, so this is what bounds the work in flight: an async caller (throttle(),
 * called by fit() once a step) awaits the oldest batches until at most a set number remain.
 */
interface Submission {
  /** Bytes handed to queue.writeBuffer for this batch: Dawn keeps a staging copy until it is done. */
  readonly bytes: number;
  done: Promise<void>;
}

export class SubmittedWork {
  private readonly pending: Submission[] = [];
  private pendingBytes = 0;
  private unsubmittedBytes = 0;
  /** Batches submitted, and batches the device reported done, since creation. */
  submitted = 0;
  completed = 0;

  constructor(private readonly queue: GPUQueue) {}

  /** Batches submitted and not yet done. */
  get outstanding(): number {
    return this.pending.length;
  }

  /** Bytes uploaded for work not yet done, including uploads not yet followed by a submit. */
  get queuedBytes(): number {
    return this.pendingBytes + this.unsubmittedBytes;
  }

  /** Counts bytes given to queue.writeBuffer; they belong to the next submission. */
  uploaded(bytes: number): void {
    this.unsubmittedBytes += bytes;
  }

  /** Records a queue.submit() just made. */
  submittedBatch(): void {
    const entry: Submission = { bytes: this.unsubmittedBytes, done: Promise.resolve() };
    this.unsubmittedBytes = 0;
    this.pending.push(entry);
    this.pendingBytes += entry.bytes;
    this.submitted++;
    // A lost device rejects (or never settles, and then read() reports the loss): either way the entry is over.
    entry.done = this.queue.onSubmittedWorkDone().then(
      () => this.settle(entry),
      () => this.settle(entry),
    );
  }

  /** Retires `entry` and every batch submitted before it. */
  private settle(entry: Submission): void {
    const at = this.pending.indexOf(entry);
    if (at < 0) return;
    for (const done of this.pending.splice(0, at + 1)) {
      this.pendingBytes -= done.bytes;
      this.completed++;
    }
  }

  /** Resolves once at most `count` batches are outstanding. */
  async drainTo(count: number): Promise<void> {
    while (this.pending.length > count) await this.pending[this.pending.length - count - 1].done;
  }

  /** Resolves once everything handed to the queue so far, uploads without a submit included, is done. */
  async drainAll(): Promise<void> {
    const uploads = this.unsubmittedBytes;
    await this.queue.onSubmittedWorkDone();
    this.unsubmittedBytes -= uploads;
    await this.drainTo(0);
  }

  /** Forgets every entry (the backend was disposed). */
  clear(): void {
    this.pending.length = 0;
    this.pendingBytes = 0;
    this.unsubmittedBytes = 0;
  }
}
