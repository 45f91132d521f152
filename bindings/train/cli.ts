#!/usr/bin/env node
/** `npm run train` / `webgrad`: see node/cli-args.ts for the options. */
import { runTrainCommand } from './node/train-command.js';

process.exitCode = await runTrainCommand(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
