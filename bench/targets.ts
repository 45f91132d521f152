/**
 * The speed targets the issues set for webgrad against its peers, checked on a finished run with
 * the with-read figures: issue 2 for the wasm backend (one thread), issue 4 for WebGPU
 * (meaningful on a real GPU only).
 */
import type { BenchRecord } from './results.js';
import type { AdapterKind } from './webgpu-env.js';

interface Target {
  readonly backend: 'wasm' | 'webgpu';
  readonly cases: readonly string[];
  readonly peer: string;
  readonly atLeast: number;
  readonly text: string;
}

const TARGETS: readonly Target[] = [
  { backend: 'wasm', cases: ['matmul-512', 'mlp-fwd1'], peer: 'tfjs-wasm', atLeast: 0.8, text: '≥ 0.8× tfjs-wasm at 512³ and [256×784]·[784×256]' },
  { backend: 'wasm', cases: ['matmul-512', 'mlp-fwd1'], peer: 'jax-js wasm', atLeast: 1.0, text: '≥ 1.0× jax-js at 512³ and [256×784]·[784×256]' },
  { backend: 'wasm', cases: ['mlp-dW1', 'mlp-dW2', 'mlp-dH'], peer: 'tfjs-wasm', atLeast: 10, text: '≥ 10× tfjs-wasm on the backward (transposed) matmuls' },
  { backend: 'webgpu', cases: ['matmul-1024'], peer: 'tfjs-webgpu', atLeast: 2, text: '≥ 2× tfjs-webgpu at 1024³ (real GPU)' },
  { backend: 'webgpu', cases: ['matmul-1024'], peer: 'jax-js webgpu', atLeast: 1.0, text: '≥ 1.0× jax-js at 1024³ (real GPU)' },
];

/**
 * One line per target whose cases and peer were measured; `primary` is the webgrad subject the
 * targets are about (the one-thread wasm subject, or the WebGPU one).
 */
export function targetLines(
  backend: string, primary: string, records: readonly BenchRecord[], adapterKind: AdapterKind | null = null,
): string[] {
  const lines: string[] = [];
  for (const t of TARGETS.filter((t) => t.backend === backend)) {
    const ratios = t.cases.map((id) => {
      const mine = records.find((r) => r.case === id && r.subject === primary);
      const peer = records.find((r) => r.case === id && r.subject === t.peer);
      if (!mine?.medianMs || !peer?.medianMs || mine.check !== 'ok' || peer.check !== 'ok') return null;
      return { id, ratio: peer.medianMs / mine.medianMs };
    });
    if (ratios.some((r) => r === null)) continue;
    const measured = ratios.map((r) => `${r!.id} ${r!.ratio.toFixed(2)}×`).join(', ');
    const met = ratios.every((r) => r!.ratio >= t.atLeast);
    const emulated = adapterKind === 'cpu-emulation';
    const verdict = emulated ? 'n/a    ' : met ? 'met    ' : 'NOT MET';
    lines.push(`${verdict}  ${t.text}: ${measured}${emulated ? ' (CPU-emulated adapter: relative standing only)' : ''}`);
  }
  return lines;
}
