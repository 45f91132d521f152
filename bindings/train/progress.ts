/**
 * Progress of a training run: a redrawn bar on a terminal, plain lines otherwise (logs, CI).
 * Writes to any { write(text), isTTY? } stream; nothing here reads tensors.
 */
import { ValueError } from '../errors.js';
import { describe } from '../validate.js';

export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class ProgressBar {
  private lastDraw = 0;
  private started = 0;
  private drawn = false;

  /** `interactive` defaults to the stream's isTTY. */
  constructor(private readonly stream: TextStream, private readonly interactive = stream?.isTTY === true) {
    if (!stream || typeof stream.write !== 'function') throw new ValueError(`ProgressBar: stream must have write(text), got ${describe(stream)}`);
  }

  /** Call at the start of each epoch. */
  start(): void {
    this.started = performance.now();
    this.lastDraw = 0;
    this.drawn = false;
  }

  /** Step `done` of `total` in `label`; redrawn at most every 100 ms on a terminal, silent otherwise. */
  update(label: string, done: number, total: number): void {
    if (!this.interactive) return;
    const now = performance.now();
    if (done < total && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const elapsed = (now - this.started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
    const suffix = ` ${done}/${total} ${elapsed.toFixed(1)}s${done < total ? ` eta ${eta.toFixed(1)}s` : ''}`;
    const room = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - label.length - suffix.length - 4));
    const filled = total > 0 ? Math.round((done / total) * room) : room;
    this.stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(room - filled)}]${suffix}\x1b[K`);
    this.drawn = true;
  }

  /** Replaces the bar (if any) with a finished line. */
  line(text: string): void {
    this.stream.write(this.interactive && this.drawn ? `\r${text}\x1b[K\n` : `${text}\n`);
    this.drawn = false;
  }
}
