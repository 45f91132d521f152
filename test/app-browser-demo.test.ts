/**
 * The browser demo (examples/browser, served by `npm run demo`'s server) in headless Chromium: it
 * trains the MLP on a small Fashion-MNIST subset on wasm and on WebGPU (SwiftShader), the loss falls,
 * the chart and the image grid render, and the downloaded weights are safetensors that PyTorch loads
 * and that predict what the page predicted. Screenshots go to runs/browser-demo/.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { data } from '../bindings/index.js';
import { startDemoServer } from '../examples/browser/server/demo-server.js';
import { describeInChromium, launchChromium, REPOSITORY_ROOT, runsDir } from './browser/chromium.js';
import { readSafetensors } from './browser/safetensors-check.js';

const server = await startDemoServer({ port: 0 });
afterAll(() => server.close());
const SUBSET = 'epochs=3&batch=64&lr=0.2&train=60&test=20';
const PYTHON = '/usr/bin/python3';
const out = runsDir('browser-demo');

interface EpochRow {
  epoch: string;
  trainLoss: string;
  trainAccuracy: string;
  testAccuracy: string;
  imagesPerSecond: string;
}

async function trainInPage(browser: Browser, backend: string): Promise<{ page: Page; rows: EpochRow[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.origin}/?backend=${backend}&${SUBSET}&autostart`);
  await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 50_000 });
  const status = await page.textContent('#status');
  expect(await page.getAttribute('#status', 'data-state')).toBe('done');
  expect(status).toMatch(/^Done after 3 epochs/);
  const rows = await page.$$eval('#history-rows tr', (trs) => trs.map((tr) => ({ ...(tr as HTMLElement).dataset }))) as unknown as EpochRow[];
  return { page, rows, errors };
}

/** The grid's test images as the page chose them: spread over the class-ordered test subset. */
async function gridImages(count: number): Promise<number[][]> {
  const response = await fetch(`${server.origin}/data/fashion-mnist.safetensors?trainPerClass=60&testPerClass=20`);
  const { set } = data.decodeImageSet(new Uint8Array(await response.arrayBuffer()));
  const test = data.toImageSet(set, data.FASHION_MNIST_CLASSES).test;
  return Array.from({ length: count }, (_, i) => {
    const row = Math.floor((i * test.length) / count);
    return Array.from(test.x.subarray(row * 784, (row + 1) * 784));
  });
}

function torchPredictions(weightsPath: string, images: number[][]): Promise<number[]> {
  const imagesPath = join(out, 'grid-images.json');
  writeFileSync(imagesPath, JSON.stringify(images));
  const script = join(REPOSITORY_ROOT, 'test', 'browser', 'torch-predict.py');
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [script, weightsPath, imagesPath], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as number[]);
    });
  });
}

function torchAvailable(): Promise<boolean> {
  if (!existsSync(PYTHON)) return Promise.resolve(false);
  return new Promise((resolve) => execFile(PYTHON, ['-c', 'import torch'], (error) => resolve(!error)));
}

const hasTorch = await torchAvailable();

describeInChromium('the browser demo in Chromium', await launchChromium(true), (browser) => {
  for (const backend of ['wasm', 'webgpu'] as const) {
    test(`trains the MLP on ${backend}: the loss falls, the chart and the image grid render`, async () => {
      const { page, rows, errors } = await trainInPage(browser, backend);
      try {
        expect(errors).toEqual([]);
        expect(await page.textContent('#backend-label')).toMatch(backend === 'wasm' ? /^wasm (simd|relaxed-simd), \d+ threads?$/ : /^WebGPU: /);
        expect(rows.map((r) => Number(r.epoch))).toEqual([1, 2, 3]);
        const losses = rows.map((r) => Number(r.trainLoss));
        expect(losses[0]).toBeLessThan(Math.log(10) + 0.01);
        expect(losses[2]).toBeLessThan(losses[0] - 0.2);
        expect(Number(rows[2].testAccuracy)).toBeGreaterThan(0.4); // 10 classes: chance is 0.1
        for (const r of rows) expect(Number(r.imagesPerSecond)).toBeGreaterThan(0);

        const chart = await page.$eval('#chart svg', (svg) => ({
          text: svg.textContent ?? '', lines: svg.querySelectorAll('path, polyline').length,
        }));
        expect(chart.text).toContain('train loss');
        expect(chart.text).toContain('test acc');
        expect(chart.lines).toBeGreaterThanOrEqual(3);
        const grid = await page.$eval('#grid', (el) => ({
          images: el.querySelectorAll('svg image').length, predicted: (el as HTMLElement).dataset.predicted ?? '',
          titles: Array.from(el.querySelectorAll('svg text'), (t) => t.textContent),
        }));
        expect(grid.images).toBe(18);
        expect(grid.titles).toHaveLength(18);
        await page.screenshot({ path: join(out, `demo-${backend}.png`), fullPage: true });

        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
        expect(download.suggestedFilename()).toBe('fashion-mnist-mlp.safetensors');
        const weightsPath = join(out, `weights-${backend}.safetensors`);
        await download.saveAs(weightsPath);
        const { tensors, metadata } = readSafetensors(readFileSync(weightsPath));
        expect(metadata.dataset).toBe('fashion-mnist');
        expect([...tensors].map(([name, t]) => [name, t.shape])).toEqual([
          ['0.weight', [256, 784]], ['0.bias', [256]], ['2.weight', [10, 256]], ['2.bias', [10]],
        ]);
        for (const t of tensors.values()) expect(t.values.every(Number.isFinite)).toBe(true);
        // the biases started at zero: training moved them
        expect(tensors.get('2.bias')!.values.some((v) => v !== 0)).toBe(true);

        if (backend !== 'wasm') return; // the format does not depend on the backend: one PyTorch load is enough
        if (hasTorch) {
          const predicted = grid.predicted.split(',').map(Number);
          expect(await torchPredictions(weightsPath, await gridImages(predicted.length))).toEqual(predicted);
        } else {
          console.warn(`PyTorch is not installed for ${PYTHON}: the downloaded weights were checked against the format only`);
        }
      } finally {
        await page.close();
      }
    }, 90_000);
  }
});

describeInChromium('the browser demo where WebGPU has no adapter', await launchChromium(false), (browser) => {
  test('choosing WebGPU explains how to enable it in the browser or use wasm', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.origin}/?backend=webgpu&${SUBSET}&autostart`);
      await page.waitForSelector('#status[data-state="error"], #status[data-state="done"]', { timeout: 30_000 });
      const message = await page.textContent('#status');
      expect(message).toMatch(/^BackendError: WebGPU found no adapter/);
      expect(message).toContain('--enable-unsafe-webgpu');
      expect(message).toContain('createWasmBackend()');
      expect(message).not.toContain('apt-get');
    } finally {
      await page.close();
    }
  });
});
