/** The GPU bench's cases: large matmuls, the MLP's shapes, wide softmax / cross-entropy, training steps. */
import { cube, mlpMatmuls, mlpStep, rows, type BenchCase } from '../cases.js';

/** `npm run bench:gpu`: sized for a real GPU. */
export const GPU_CASES: readonly BenchCase[] = [
  cube(1024), cube(2048), cube(4096),
  ...mlpMatmuls(256),
  rows('softmax', 4096, 1000), rows('softmax', 65536, 1000),
  rows('crossEntropy', 4096, 1000), rows('crossEntropy', 65536, 1000),
  mlpStep(256), mlpStep(4096),
];

/** `npm run bench:gpu -- --quick`: the same kinds of case at tiny sizes, for CPU emulation (SwiftShader) and CI. */
export const QUICK_GPU_CASES: readonly BenchCase[] = [
  cube(64),
  ...mlpMatmuls(32, 64, 32, 10),
  rows('softmax', 64, 100),
  rows('crossEntropy', 64, 100),
  mlpStep(32, 64, 32, 10),
];
