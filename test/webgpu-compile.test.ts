/** Every declared WGSL kernel compiles, for every op of the op table it can be built for. */
import { BINARY_OPS, UNARY_OPS } from '../bindings/op-table/index.js';
import { KERNELS, type KernelName, type KernelSpec } from '../bindings/webgpu/kernel-specs.js';
import { moduleSource } from '../bindings/webgpu/wgsl-builder.js';
import { describeWebGPU } from './webgpu-node-device.js';

const CONSTANTS = {
  WG: 64, RANK: 3, OP: 0, ARG_MAX: true, ADAM: true, LOG: true, GRAD: true, MOMENTUM: true, TM: 32, TN: 32, TK: 4, RB: 2, CB: 2,
  TRANS_A: true, TRANS_B: false, A_VEC: true, B_VEC: false, HAS_BIAS: true, RELU: true,
};

/** Compiler errors and warnings of a module, each with the offending line. */
async function compile(device: GPUDevice, code: string): Promise<string[]> {
  const info = await device.createShaderModule({ code }).getCompilationInfo();
  return info.messages.map((m) => `${m.type} ${m.lineNum}:${m.linePos} ${m.message}: ${code.split('\n')[m.lineNum - 1]?.trim()}`);
}

describeWebGPU('WGSL kernels compile', (backend) => {
  test.each(Object.keys(KERNELS) as KernelName[])('%s', async (name) => {
    const spec: KernelSpec = KERNELS[name];
    const ops = spec.table === 'unary' ? UNARY_OPS : spec.table === 'binary' ? BINARY_OPS : [undefined];
    for (const op of ops) expect({ op, messages: await compile(backend().device, moduleSource(spec, CONSTANTS, op)) }).toEqual({ op, messages: [] });
  });
});
