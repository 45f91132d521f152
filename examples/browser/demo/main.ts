/** The demo page: trains d2l's MLP on Fashion-MNIST in the browser, on wasm or WebGPU. */
import { data, encodeWeights, type Sequential } from 'webgrad';
import { closeBackend, openBackend, webgpuOffered, type OpenedBackend } from '../shared/backends.js';
import { downloadBytes } from '../shared/download.js';
import { applyUrlToForm, readForm, type DemoSettings } from './settings.js';
import { createMlp, predict, trainMlp } from './training.js';
import { DemoView } from './view.js';

type ImageSet = ReturnType<typeof data.toImageSet>;

const GRID_COLUMNS = 9, GRID_IMAGES = 18;

const form = document.getElementById('settings') as HTMLFormElement;
const trainButton = document.getElementById('train') as HTMLButtonElement;
const stopButton = document.getElementById('stop') as HTMLButtonElement;
const downloadButton = document.getElementById('download') as HTMLButtonElement;
const view = new DemoView();
const query = new URLSearchParams(location.search);

let opened: OpenedBackend | null = null;
let model: Sequential | null = null;
let stopRequested = false;
const imageSets = new Map<string, Promise<ImageSet>>();

/** Fashion-MNIST from the demo server (U8 safetensors), decoded into f32 data sets; kept per subset. */
function loadImages(settings: DemoSettings): Promise<ImageSet> {
  const key = `trainPerClass=${settings.trainPerClass}&testPerClass=${settings.testPerClass}`;
  let loading = imageSets.get(key);
  if (!loading) {
    loading = (async () => {
      const response = await fetch(`/data/fashion-mnist.safetensors?${key}`);
      if (!response.ok) throw new Error(`the server could not give the data: ${await response.text()}`);
      const { set } = data.decodeImageSet(new Uint8Array(await response.arrayBuffer()));
      return data.toImageSet(set, data.FASHION_MNIST_CLASSES);
    })();
    loading.catch(() => imageSets.delete(key));
    imageSets.set(key, loading);
  }
  return loading;
}

/** GRID_IMAGES test images spread over the (class-ordered) test set, and their labels. */
function gridSample(test: ImageSet['test']): { pixels: Float32Array; labels: Uint8Array } {
  const count = Math.min(GRID_IMAGES, test.length);
  const pixels = new Float32Array(count * 784), labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const row = Math.floor((i * test.length) / count);
    pixels.set(test.x.subarray(row * 784, (row + 1) * 784), i * 784);
    labels[i] = test.y[row];
  }
  return { pixels, labels };
}

function setRunning(running: boolean): void {
  trainButton.disabled = running;
  stopButton.disabled = !running;
  downloadButton.disabled = running || model === null;
  form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select').forEach((field) => { field.disabled = running; });
  if (!running) markWebgpu();
}

function markWebgpu(): void {
  const option = form.querySelector<HTMLOptionElement>('option[value="webgpu"]')!;
  option.disabled = !webgpuOffered();
  if (option.disabled) option.textContent = 'WebGPU (not offered by this browser)';
}

async function run(): Promise<void> {
  const settings = readForm(form);
  if ('error' in settings) return view.setStatus('error', settings.error);
  stopRequested = false;
  setRunning(true);
  try {
    view.setStatus('loading', 'Loading Fashion-MNIST…');
    const images = await loadImages(settings);
    model?.dispose();
    model = null;
    closeBackend(opened);
    opened = null;
    view.setStatus('loading', `Starting the ${settings.backend} backend…`);
    opened = await openBackend(settings.backend, settings.threads);
    view.setBackend(opened.label);
    const { backend } = opened;
    const trained = createMlp(backend, settings.seed);
    model = trained;
    const sample = gridSample(images.test);
    view.startRun(settings.epochs);
    view.setStatus('training', `Training on ${images.train.length} images, testing on ${images.test.length}…`);
    const results = await trainMlp(trained, backend, images.train, images.test, { ...settings, readsPerEpoch: 5 }, {
      onProgress: (point) => view.addProgress(point),
      onEpoch: async (result) => {
        view.addEpoch(result);
        view.showPredictions(sample.pixels, sample.labels, await predict(trained, backend, sample.pixels, sample.labels.length),
          images.classes, GRID_COLUMNS);
      },
      stopRequested: () => stopRequested,
    });
    const last = results.at(-1);
    const summary = last ? ` Test accuracy ${(100 * last.testAccuracy).toFixed(1)} %.` : '';
    view.setStatus(stopRequested ? 'stopped' : 'done',
      `${stopRequested ? 'Stopped' : 'Done'} after ${results.length} epoch${results.length === 1 ? '' : 's'}.${summary}`);
  } catch (error) {
    view.setStatus('error', `${(error as Error).name}: ${(error as Error).message}`);
  } finally {
    setRunning(false);
  }
}

async function downloadWeights(): Promise<void> {
  if (!model) return;
  const bytes = await encodeWeights(model.namedParameters(), {
    model: 'd2l mlp 784-256-10 (torch.nn.Sequential(Linear, ReLU, Linear))', dataset: 'fashion-mnist',
  });
  downloadBytes(bytes, 'fashion-mnist-mlp.safetensors', 'application/octet-stream');
}

function fillThreadChoices(): void {
  const select = form.querySelector<HTMLSelectElement>('select[name="threads"]')!;
  const cores = Math.min(16, navigator.hardwareConcurrency || 1);
  for (let n = 1; n <= cores; n++) select.add(new Option(String(n), String(n)));
  if (!crossOriginIsolated) select.title = 'threads need a cross-origin isolated page (npm run demo serves one)';
}

fillThreadChoices();
applyUrlToForm(form, query);
setRunning(false);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void run();
});
stopButton.addEventListener('click', () => { stopRequested = true; });
downloadButton.addEventListener('click', () => {
  downloadWeights().catch((error: Error) => view.setStatus('error', `${error.name}: ${error.message}`));
});
view.setStatus('idle', 'Pick a backend and press Train.');
if (query.has('autostart')) void run();
