/** The `webgrad` command: trains a d2l classifier and writes its curves, metrics and weights. */
import { WebgradError } from '../../errors.js';
import { loadFashionMnistWithReport, loadMnistWithReport } from '../../data/node/image-packages.js';
import { SGD } from '../../optim/index.js';
import { fit, formatEpoch } from '../fit.js';
import { d2lModel } from '../models.js';
import type { TextStream } from '../progress.js';
import { USAGE, UsageError, parseTrainArgs, type TrainArgs } from './cli-args.js';
import { createBackend } from './backends.js';
import { writeRunOutputs } from './run-files.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataLoader } from '../../data/dataloader.js';
import { encodeBatchOrders } from '../replay.js';
import { encodeWeights } from '../weights.js';

export interface CommandIO {
  stdout: TextStream;
  stderr: TextStream;
}

/** Runs the command; resolves to the exit status (0 ok, 1 failure, 2 bad arguments). */
export async function runTrainCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  let args: TrainArgs;
  try {
    args = parseTrainArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`webgrad: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  try {
    await train(args, io);
    return 0;
  } catch (error) {
    const known = error instanceof WebgradError || (error as NodeJS.ErrnoException)?.code !== undefined;
    io.stderr.write(`webgrad: ${(error as Error)?.message ?? String(error)}\n`);
    if (!known || process.env.WEBGRAD_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

async function train(args: TrainArgs, { stdout, stderr }: CommandIO): Promise<void> {
  const load = args.data === 'mnist' ? loadMnistWithReport : loadFashionMnistWithReport;
  const perClass = args.limit ?? undefined;
  const { data, report } = load({
    cacheDir: args.cacheDir ?? undefined, trainPerClass: perClass, testPerClass: perClass,
    onProgress: (message) => stderr.write(`${message}\n`),
  });
  stderr.write(
    `${args.data}: ${data.train.length} training / ${data.test.length} test images ` +
      `(${report.builtCache ? 'converted and cached' : 'read from cache'} ${report.cachePath} in ` +
      `${(report.milliseconds / 1000).toFixed(2)} s)\n`,
  );
  const backend = await createBackend(args.backend);
  try {
    const model = d2lModel(args.model, { backend, seed: args.seed, init: args.init });
    const optimizer = new SGD(model.parameters(), { lr: args.lr });
    stdout.write(
      `training ${args.model} on ${backend.name}: ${args.epochs} epochs, lr ${args.lr}, batch ${args.batchSize}, seed ${args.seed}, init ${args.init}\n`,
    );
    // For a replay in another framework (bench/parity): the starting weights and every epoch's order.
    const initialWeights = await encodeWeights(model.namedParameters(), { model: args.model, seed: String(args.seed), init: args.init });
    const order = encodeBatchOrders(
      new DataLoader(data.train, { batchSize: args.batchSize, seed: args.seed }), args.epochs,
      { data: args.data, limit: String(args.limit ?? 'none'), trainExamples: String(data.train.length) },
    );
    const started = performance.now();
    const { history } = await fit(model, {
      trainData: data.train, testData: data.test, epochs: args.epochs, batchSize: args.batchSize, optimizer,
      seed: args.seed, progress: stderr.isTTY ? stderr : undefined,
      onEpoch: stderr.isTTY ? undefined : (m) => void stdout.write(`${formatEpoch(m, args.epochs)}\n`),
    });
    const files = await writeRunOutputs(args.out, {
      history,
      weights: model.namedParameters(),
      title: `${args.model} on ${args.data} (${backend.name}, lr ${args.lr}, batch ${args.batchSize})`,
      config: {
        model: args.model, data: args.data, init: args.init, backend: backend.name, epochs: args.epochs, lr: args.lr,
        batchSize: args.batchSize, seed: args.seed, limit: args.limit,
        trainExamples: data.train.length, testExamples: data.test.length,
      },
    });
    await writeFile(join(args.out, 'initial.safetensors'), initialWeights);
    await writeFile(join(args.out, 'batch-order.safetensors'), order);
    const last = history[history.length - 1];
    stdout.write(
      `done in ${((performance.now() - started) / 1000).toFixed(1)} s: loss ${last.trainLoss.toFixed(4)}, ` +
        `train acc ${(100 * last.trainAccuracy!).toFixed(2)}%, test acc ${(100 * last.testAccuracy!).toFixed(2)}%\n` +
        `wrote ${files.curves}\n      ${files.metrics}\n      ${files.weights}\n` +
        `      ${join(args.out, 'initial.safetensors')} and batch-order.safetensors (for replaying the run elsewhere)\n`,
    );
    model.dispose();
    optimizer.dispose();
  } finally {
    backend.dispose();
  }
}
