import { DEFAULT_LR, UsageError, parseTrainArgs } from '../bindings/train/node/cli-args.js';

describe('main command arguments', () => {
  test('defaults: the d2l MLP recipe on wasm', () => {
    expect(parseTrainArgs([])).toEqual({
      help: false, backend: 'wasm', model: 'mlp', data: 'fashion-mnist', init: 'd2l', epochs: 10, lr: 0.1, batchSize: 256,
      seed: 0, out: 'runs/mlp', limit: null, cacheDir: null,
    });
  });

  test('flags', () => {
    const args = parseTrainArgs(['--model', 'dropout-mlp', '--backend=cpu', '--epochs', '3', '--batch-size', '64',
      '--seed', '7', '--out', '/tmp/x', '--limit', '100', '--data', 'mnist', '--cache-dir', '/tmp/c', '--init', 'xavier']);
    expect(args).toMatchObject({ model: 'dropout-mlp', backend: 'cpu', epochs: 3, batchSize: 64, seed: 7, out: '/tmp/x',
      limit: 100, data: 'mnist', cacheDir: '/tmp/c', init: 'xavier', lr: DEFAULT_LR['dropout-mlp'] });
    expect(parseTrainArgs(['--lr', '0.05']).lr).toBe(0.05);
    expect(parseTrainArgs(['-h']).help).toBe(true);
    expect(parseTrainArgs(['--model', 'softmax']).out).toBe('runs/softmax');
  });

  test.each([
    [['--backend', 'tpu'], /--backend must be one of cpu, wasm, webgpu/],
    [['--epochs', '0'], /--epochs must be an integer >= 1/],
    [['--epochs', '2.5'], /--epochs/],
    [['--epochs', 'ten'], /--epochs/],
    [['--lr=-1'], /--lr must be a positive number/],
    [['--lr', '-1'], /--lr/],
    [['--lr', 'abc'], /--lr/],
    [['--batch-size', ''], /--batch-size/],
    [['--model', 'cnn'], /--model must be one of/],
    [['--init', 'he'], /--init must be one of d2l, xavier, pytorch/],
    [['--frobnicate'], /Unknown option/],
    [['extra'], /positional/],
    [['--epochs'], /argument missing/],
    [['--out', ''], /--out/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseTrainArgs(argv)).toThrow(UsageError);
    expect(() => parseTrainArgs(argv)).toThrow(message);
  });
});
