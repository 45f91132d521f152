/**
 * Whether the adapter emulates WebGPU on the CPU (SwiftShader, llvmpipe, WARP ...). There a
 * workgroup barrier is a thread switch, so kernels without workgroup memory win: the backend picks
 * its matmul and row-reduction kernels by this.
 */
const EMULATED = /swiftshader|llvmpipe|lavapipe|software|warp/i;

export function isEmulatedAdapter(device: GPUDevice, adapterDescription: string): boolean {
  const info = (device as { adapterInfo?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).adapterInfo;
  const text = [adapterDescription, info?.vendor, info?.architecture, info?.device, info?.description].join(' ');
  return Boolean(info?.isFallbackAdapter) || EMULATED.test(text);
}
