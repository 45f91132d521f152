/** webgrad's Node-only entry: data packages and cache, weight and run files, the main command. */
export * from '../../data/node/index.js';
export { saveWeightsFile, loadWeightsFile } from './weights-file.js';
export { writeRunOutputs, type RunOutputs, type RunFiles } from './run-files.js';
export { runTrainCommand, type CommandIO } from './train-command.js';
export { parseTrainArgs, USAGE, UsageError, type TrainArgs } from './cli-args.js';
export { createBackend } from './backends.js';
export { animatorFile, FileAnimator, type AnimatorFileOptions } from './animator-file.js';
