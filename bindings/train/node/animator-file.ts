/** An Animator that keeps an SVG file up to date (Node only): open the file in a browser and reload. */
import { renameSync, writeFileSync } from 'node:fs';
import { ValueError } from '../../errors.js';
import { Animator, type AnimatorOptions } from '../../plot/animator.js';

/** Animator options for a file: onUpdate is the file writer. */
export type AnimatorFileOptions = Omit<AnimatorOptions, 'onUpdate'>;

/** Replaces the file in one step (write beside it, then rename), so a reader never sees half a picture. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** An Animator writing its picture to `path` every `every` adds (default 1) and at close(). */
export class FileAnimator extends Animator {
  constructor(readonly path: string, options: AnimatorFileOptions = {}) {
    if (typeof path !== 'string' || path === '') throw new ValueError('animatorFile: path must be a non-empty string');
    super({ ...options, onUpdate: (svg) => writeAtomically(path, svg) });
  }

  /** Writes the final picture (also when nothing was added, or nothing since the last write). */
  close(): void {
    writeAtomically(this.path, this.svg());
  }
}

/**
 * d2l's Animator for Node: the SVG at `path` is rewritten every `every` adds and at close().
 *
 * @example
 * const animator = animatorFile('runs/curves.svg', { xlabel: 'epoch', legend: ['train loss', 'test acc'] });
 * for (let epoch = 1; epoch <= 10; epoch++) animator.add(epoch, [loss, acc]);
 * animator.close();
 */
export function animatorFile(path: string, options: AnimatorFileOptions = {}): FileAnimator {
  return new FileAnimator(path, options);
}
