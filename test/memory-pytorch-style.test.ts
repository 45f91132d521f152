/**
 * A PyTorch-style loop (no tidy, no dispose) holds flat memory on wasm: tensors that become unreachable
 * are freed once the garbage collector finds them. Run in a child Node with --expose-gc.
 */
import { runFixture } from './run-fixture.js';

interface Checkpoint {
  step: number;
  loss: number;
  live: number;
  storages: number;
  reserved: number;
}

async function run(steps: number): Promise<Checkpoint[]> {
  const stdout = await runFixture('pytorch-style-loop', [String(steps)], { flags: ['--expose-gc'], timeoutMs: 240_000 });
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as Checkpoint);
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
