/** What the demo page shows: status, speed, the live chart, the table of epochs and the image grid. */
import { plot } from 'webgrad';
import type { EpochResult, ProgressPoint } from './training.js';

export type DemoState = 'idle' | 'loading' | 'training' | 'done' | 'stopped' | 'error';

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const percent = (fraction: number) => `${(100 * fraction).toFixed(1)} %`;
const perSecond = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)} k` : n.toFixed(0));

export class DemoView {
  private readonly status = byId<HTMLElement>('status');
  private readonly backendLabel = byId<HTMLOutputElement>('backend-label');
  private readonly speed = byId<HTMLOutputElement>('speed');
  private readonly testAccuracy = byId<HTMLOutputElement>('test-accuracy');
  private readonly chart = byId<HTMLElement>('chart');
  private readonly history = byId<HTMLTableSectionElement>('history-rows');
  private readonly grid = byId<HTMLElement>('grid');
  private animator: plot.Animator | null = null;

  /** Shows a line of status; `state` goes to data-state, where scripts and tests can wait for it. */
  setStatus(state: DemoState, text: string): void {
    this.status.dataset.state = state;
    this.status.textContent = text;
  }

  setBackend(label: string): void {
    this.backendLabel.value = label;
  }

  /** Clears the previous run and starts an empty chart for `epochs` epochs. */
  startRun(epochs: number): void {
    this.history.replaceChildren();
    this.speed.value = '–';
    this.testAccuracy.value = '–';
    this.animator = new plot.Animator({
      xlabel: 'epoch', xlim: [0, epochs], legend: ['train loss', 'train acc', 'test acc'],
      figsize: [6, 3.4], onUpdate: (svg) => { this.chart.innerHTML = svg; },
    });
    this.chart.innerHTML = this.animator.svg();
  }

  addProgress(point: ProgressPoint): void {
    this.animator?.add(point.epoch, [point.trainLoss, point.trainAccuracy, null]);
    this.speed.value = perSecond(point.imagesPerSecond);
  }

  addEpoch(result: EpochResult): void {
    this.animator?.add(result.epoch, [null, null, result.testAccuracy]);
    this.testAccuracy.value = percent(result.testAccuracy);
    this.speed.value = perSecond(result.imagesPerSecond);
    const row = document.createElement('tr');
    for (const [key, value] of Object.entries(result)) row.dataset[key] = String(value);
    for (const cell of [
      String(result.epoch), result.trainLoss.toFixed(4), percent(result.trainAccuracy), percent(result.testAccuracy),
      perSecond(result.imagesPerSecond),
    ]) row.insertCell().textContent = cell;
    this.history.append(row);
  }

  /** Test images in a grid titled with the predicted class, and the true one in brackets where they differ. */
  showPredictions(pixels: Float32Array, truth: Uint8Array, predicted: Uint8Array, classes: readonly string[], columns: number): void {
    const count = predicted.length;
    const titles = Array.from(predicted, (p, i) => (p === truth[i] ? classes[p] : `${classes[p]} (${classes[truth[i]]})`));
    const images = { shape: [count, 28, 28], dataSync: () => pixels.subarray(0, count * 784) };
    this.grid.innerHTML = plot.showImages(images, Math.ceil(count / columns), columns, { titles, scale: 1.3 });
    this.grid.dataset.predicted = predicted.join(',');
  }
}
