import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSafetensors } from '../bindings/train/safetensors.js';
import { decodeBatchOrders } from '../bindings/train/replay.js';
import { epochPermutation } from '../bindings/data/dataloader.js';
import { checkWellFormedXml } from './train-xml.js';

const cli = fileURLToPath(new URL('../bindings/train/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'webgrad-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('webgrad command', () => {
  test.each([
    [['--backend', 'tpu'], /--backend must be one of cpu, wasm, webgpu/],
    [['--epochs', '-3'], /--epochs/],
    [['--lr', 'fast'], /--lr must be a positive number/],
    [['--model', 'resnet'], /--model must be one of mlp, softmax, dropout-mlp/],
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['train', 'now'], /positional/],
  ])('%j: usage message and exit code 2, no stack trace', (args, message) => {
    const { status, stdout, stderr } = run(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: webgrad [options]');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  test('--help prints the usage and exits 0', () => {
    const { status, stdout } = run(['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/--batch-size N/);
  });

  test('a short run on reduced data writes the plot, the metrics and the weights', () => {
    const out = join(dir, 'mlp');
    const { status, stdout, stderr } = run(['--epochs', '2', '--limit', '30', '--batch-size', '32', '--out', out, '--seed', '1']);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(status).toBe(0);
    expect(stdout).toMatch(/training mlp on wasm: 2 epochs, lr 0.1, batch 32/);
    expect(stdout).toMatch(/epoch 1\/2 {2}loss \d\.\d{4} {2}train acc [\d.]+% {2}test acc [\d.]+%/);
    expect(stdout).toMatch(/epoch 2\/2/);
    const svg = readFileSync(join(out, 'curves.svg'), 'utf8');
    expect(checkWellFormedXml(svg).filter((n) => n === 'polyline')).toHaveLength(3);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.config).toMatchObject({ model: 'mlp', backend: 'wasm', epochs: 2, lr: 0.1, batchSize: 32, trainExamples: 300, testExamples: 300 });
    expect(metrics.epochs).toHaveLength(2);
    expect(metrics.epochs[0].steps).toBe(10); // 300 / 32 → 10 batches
    const { tensors, metadata } = decodeSafetensors(new Uint8Array(readFileSync(join(out, 'model.safetensors'))));
    expect([...tensors].map(([name, t]) => [name, t.dtype, t.shape])).toEqual([
      ['0.weight', 'F32', [256, 784]], ['0.bias', 'F32', [256]], ['2.weight', 'F32', [10, 256]], ['2.bias', 'F32', [10]],
    ]);
    expect(metadata).toMatchObject({ format: 'pt', model: 'mlp', epochs: '2' });
    // The replay files: the starting weights (not the trained ones) and each epoch's order.
    const initial = decodeSafetensors(new Uint8Array(readFileSync(join(out, 'initial.safetensors')))).tensors;
    expect(initial.get('0.weight')!.shape).toEqual([256, 784]);
    expect(initial.get('0.weight')!.data).not.toEqual(tensors.get('0.weight')!.data);
    expect(Array.from(initial.get('0.bias')!.data).every((v) => v === 0)).toBe(true);
    const { orders, batchSize } = decodeBatchOrders(new Uint8Array(readFileSync(join(out, 'batch-order.safetensors'))));
    expect(batchSize).toBe(32);
    expect(orders).toHaveLength(2);
    orders.forEach((order, epoch) => expect(Array.from(order)).toEqual(Array.from(epochPermutation(300, 1, epoch))));
  });

  test('a failure at run time (an unusable cache dir) is a one-line message and exit code 1', () => {
    const { status, stderr } = run(['--epochs', '1', '--limit', '5', '--cache-dir', '/dev/null/x', '--out', join(dir, 'x')]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^webgrad: /m);
  });
});
