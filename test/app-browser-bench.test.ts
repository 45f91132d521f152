/**
 * The benchmark page (examples/browser/bench.html) in headless Chromium, quick mode: every case runs
 * on wasm and on WebGPU (SwiftShader), the table and the chart fill, and the JSON report downloads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoServer } from '../examples/browser/server/demo-server.js';
import { describeInChromium, launchChromium, runsDir } from './browser/chromium.js';

const server = await startDemoServer({ port: 0 });
afterAll(() => server.close());
const CASES = 7; // 3 square matmuls, the MLP's layer shape, softmax, cross-entropy, an MLP step

interface Row {
  backend: string;
  kind: string;
  msPerCall: string;
  throughput: string;
  unit: string;
}

describeInChromium('the benchmark page in Chromium', await launchChromium(true), (browser) => {
  test('quick mode times every case on wasm and WebGPU, draws the chart and downloads the report', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server.origin}/bench.html?quick&autostart`);
      await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 50_000 });
      const status = await page.textContent('#status');
      expect(status).toBe(`Done: ${2 * CASES} timings.`);
      expect(errors).toEqual([]);
      const rows = await page.$$eval('#results-rows tr', (trs) => trs.map((tr) => ({ ...(tr as HTMLElement).dataset }))) as unknown as Row[];
      for (const backend of ['wasm', 'webgpu']) {
        const mine = rows.filter((r) => r.backend === backend);
        expect(mine.map((r) => r.kind)).toEqual([
          'matmul', 'matmul', 'matmul', 'matmul', 'softmax', 'cross-entropy + gradient', 'MLP training step',
        ]);
        for (const r of mine) {
          expect(Number(r.msPerCall)).toBeGreaterThan(0);
          expect(Number.isFinite(Number(r.throughput))).toBe(true);
        }
      }
      const chart = await page.$eval('#chart svg', (svg) => svg.textContent ?? '');
      expect(chart).toContain('GFLOP/s');
      expect(chart).toContain('wasm');
      expect(chart).toContain('webgpu');
      await page.screenshot({ path: join(runsDir('browser-bench'), 'bench-quick.png'), fullPage: true });

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      const path = join(runsDir('browser-bench'), 'bench-quick.json');
      await download.saveAs(path);
      const report = JSON.parse(readFileSync(path, 'utf8'));
      expect(report.quick).toBe(true);
      expect(report.crossOriginIsolated).toBe(true);
      expect(report.backends.wasm.label).toMatch(/^wasm /);
      expect(report.backends.webgpu.label).toMatch(/^WebGPU: /);
      expect(report.results).toHaveLength(2 * CASES);
      expect(report.results.map((r: Row) => r.unit)).toContain('images/s');
    } finally {
      await page.close();
    }
  }, 60_000);
});
