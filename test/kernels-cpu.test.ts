import { CpuBackend } from '../bindings/cpu/cpu-backend.js';
import { describeKernelTable } from './backend-harness.js';

// The reference against itself: checks that every case runs and is deterministic.
const backend = new CpuBackend();
describeKernelTable('cpu', () => backend);
