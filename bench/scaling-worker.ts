/** One worker of `npm run bench -- scaling`: its own one-thread wasm backend, one kernel, timed. */
import { parentPort, workerData } from 'node:worker_threads';
import { createWasmBackend, kernels, rand, type Tensor } from '../bindings/index.js';
import type { ScalingJob, ScalingReport } from './scaling.js';

const post = (report: ScalingReport) => parentPort!.postMessage(report);

async function main(job: ScalingJob): Promise<void> {
  const backend = await createWasmBackend({ threads: 1 });
  const opts = { backend };
  let op: () => Tensor;
  let amount: number;
  if (job.kernel === 'matmul 256³') {
    const a = rand([256, 256], opts), b = rand([256, 256], opts);
    op = () => kernels.matmul(a, b);
    amount = 2 * 256 ** 3 / 1e9;
  } else if (job.kernel === 'relu 16 MB') {
    const x = rand([4096 * 1000], opts).sub(0.5);
    op = () => x.relu();
    amount = (8 * 4096 * 1000) / 1e9;
  } else {
    const x = rand([4096, 1000], opts);
    op = () => kernels.softmax(x);
    amount = (8 * 4096 * 1000) / 1e9;
  }
  for (let i = 0; i < 5; i++) op().dispose();
  post({ ready: true });
  Atomics.wait(new Int32Array(job.start), 0, 0);
  const started = performance.now();
  let runs = 0;
  while (performance.now() - started < job.seconds * 1000) {
    op().dispose();
    runs++;
  }
  post({ rate: (amount * runs) / ((performance.now() - started) / 1000) });
  backend.dispose();
}

main(workerData as ScalingJob).catch((error: Error) => post({ error: error.stack ?? String(error) }));
