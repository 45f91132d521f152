/**
 * The benchmark page: the kernel suite on wasm and WebGPU in this browser, as a table, a chart of
 * matmul throughput and a JSON report. ?quick runs small shapes; ?autostart runs on load.
 */
import { plot } from 'webgrad';
import { closeBackend, openBackend, webgpuOffered, type BackendKind } from '../shared/backends.js';
import { downloadBytes } from '../shared/download.js';
import { benchCases } from './suite.js';
import { throughput, timeCase } from './timing.js';

interface BenchResult {
  backend: BackendKind;
  kind: string;
  shape: string;
  n: number | null;
  msPerCall: number;
  throughput: number;
  unit: string;
  callsPerSample: number;
  samples: number;
}

interface BenchReport {
  page: string;
  quick: boolean;
  date: string;
  userAgent: string;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** What ran each backend ("wasm relaxed-simd, 1 thread", "WebGPU: …"), or why it could not run. */
  backends: Partial<Record<BackendKind, { label?: string; error?: string }>>;
  results: BenchResult[];
}

const query = new URLSearchParams(location.search);
const quick = query.has('quick');
const status = document.getElementById('status')!;
const rows = document.getElementById('results-rows')!;
const chart = document.getElementById('chart')!;
const runButton = document.getElementById('run') as HTMLButtonElement;
const downloadButton = document.getElementById('download') as HTMLButtonElement;
const checkbox = (kind: BackendKind) => document.querySelector<HTMLInputElement>(`input[name="backend"][value="${kind}"]`)!;
let report: BenchReport | null = null;

function setStatus(state: string, text: string): void {
  status.dataset.state = state;
  status.textContent = text;
}

/** Three significant digits, without an exponent. */
const figure = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3));

function addRow(result: BenchResult): void {
  const row = document.createElement('tr');
  for (const [key, value] of Object.entries(result)) row.dataset[key] = String(value);
  for (const text of [result.kind, result.shape, result.backend, figure(result.msPerCall),
    `${figure(result.throughput)} ${result.unit}`]) row.insertCell().textContent = text;
  rows.append(row);
}

/** Matmul GFLOP/s against n, one line per backend. */
function drawChart(results: BenchResult[]): void {
  const backends = [...new Set(results.map((r) => r.backend))];
  const series = backends.map((backend) => results.filter((r) => r.backend === backend && r.n !== null));
  if (!series.some((s) => s.length > 0)) return;
  chart.innerHTML = plot.plot(series.map((s) => s.map((r) => r.n!)), series.map((s) => s.map((r) => r.throughput)), {
    xlabel: 'n (n×n · n×n matmul)', ylabel: 'GFLOP/s', xscale: 'log', legend: backends, fmts: ['o-', 's--'], figsize: [5, 3],
  });
}

async function run(): Promise<void> {
  const kinds = (['wasm', 'webgpu'] as const).filter((kind) => checkbox(kind).checked && !checkbox(kind).disabled);
  if (kinds.length === 0) return setStatus('error', 'Pick at least one backend.');
  runButton.disabled = downloadButton.disabled = true;
  rows.replaceChildren();
  chart.replaceChildren();
  const cases = benchCases(quick);
  const options = quick ? { minSampleMs: 5, samples: 3, maxCalls: 64 } : { minSampleMs: 50, samples: 7, maxCalls: 4096 };
  report = {
    page: 'webgrad kernel benchmark', quick, date: new Date().toISOString(), userAgent: navigator.userAgent,
    crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency, backends: {}, results: [],
  };
  try {
    for (const kind of kinds) {
      setStatus('running', `Opening ${kind}…`);
      let opened;
      try {
        opened = await openBackend(kind);
      } catch (error) {
        report.backends[kind] = { error: `${(error as Error).name}: ${(error as Error).message}` };
        continue;
      }
      report.backends[kind] = { label: opened.label };
      try {
        for (const benchCase of cases) {
          setStatus('running', `${opened.label}: ${benchCase.kind} ${benchCase.shape}…`);
          const timing = await timeCase(benchCase, opened.backend, options);
          const result: BenchResult = {
            backend: kind, kind: benchCase.kind, shape: benchCase.shape, n: benchCase.n ?? null, ...timing,
            throughput: throughput(benchCase, timing.msPerCall), unit: benchCase.work.unit,
          };
          report.results.push(result);
          addRow(result);
          drawChart(report.results);
        }
      } finally {
        closeBackend(opened);
      }
    }
    const failed = Object.entries(report.backends).filter(([, b]) => b.error).map(([kind, b]) => `${kind}: ${b.error}`);
    setStatus('done', `Done: ${report.results.length} timings.${failed.length ? ` Not run: ${failed.join('; ')}` : ''}`);
  } catch (error) {
    setStatus('error', `${(error as Error).name}: ${(error as Error).message}`);
  } finally {
    runButton.disabled = false;
    downloadButton.disabled = report.results.length === 0;
  }
}

if (!webgpuOffered()) {
  checkbox('webgpu').disabled = true;
  checkbox('webgpu').parentElement!.title = 'this browser does not offer WebGPU';
}
document.getElementById('mode')!.textContent = quick ? 'quick mode: small shapes, few samples' : 'full shapes';
runButton.addEventListener('click', () => void run());
downloadButton.addEventListener('click', () => {
  if (report) downloadBytes(JSON.stringify(report, null, 2), `webgrad-bench${quick ? '-quick' : ''}.json`, 'application/json');
});
setStatus('idle', 'Press Run.');
if (query.has('autostart')) void run();
