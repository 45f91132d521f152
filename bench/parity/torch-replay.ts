/** Running torch_replay.py: PyTorch (one thread) replays a run written by replay-files.ts. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReplayEpoch } from './compare.js';

const TORCH_SCRIPT = fileURLToPath(new URL('../../../bench/parity/torch_replay.py', import.meta.url));

export interface TorchReplay {
  /** torch.__version__. */
  torch: string;
  epochs: ReplayEpoch[];
}

/** Replays the run in `runDir` on the data in `dataPath` with `python`; throws saying why it could not. */
export function replayInTorch(python: string, runDir: string, dataPath: string): TorchReplay {
  const result = spawnSync(python, [TORCH_SCRIPT, runDir, dataPath], {
    encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' }, stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  if (result.error) throw new Error(`could not run ${python}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${python} ${TORCH_SCRIPT} exited with ${result.status} (PyTorch from Debian: apt-get install -y python3-torch python3-numpy)`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as TorchReplay;
}
