/**
 * A PyTorch-style loop (no tidy, no dispose) holds flat memory on wasm: tensors that become unreachable
 * are freed once the garbage collector finds them. Run in a child Node with --expose-gc.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Checkpoint {
  step: number;
  loss: number;
  live: number;
  storages: number;
  reserved: number;
}

function run(steps: number): Promise<Checkpoint[]> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pytorch-style-loop.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', script, String(steps)], { timeout: 240_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout.trim().split('\n').map((line) => JSON.parse(line) as Checkpoint));
    });
  });
}

test('10,000 PyTorch-style steps on wasm without tidy or dispose hold flat memory and learn', async () => {
  const checkpoints = await run(10000);
  expect(checkpoints.map((c) => c.step)).toEqual([100, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
  const settled = checkpoints.slice(1);
  const [first] = settled;
  for (const c of settled) {
    // A handful of tensors of the last step may still be waiting for the collector; nothing accumulates.
    expect(c.storages).toBeLessThanOrEqual(first.storages + 40);
    expect(c.live).toBeLessThanOrEqual(first.live + 40);
    expect(c.reserved).toBeLessThanOrEqual(first.reserved * 1.5 + 2 ** 20);
  }
  expect(checkpoints[checkpoints.length - 1].loss).toBeLessThan(checkpoints[0].loss);
}, 300_000);
