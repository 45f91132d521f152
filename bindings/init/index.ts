export { Random } from '../random.js';
export { manualSeed, defaultRandomSource, randomFrom } from './random.js';
export {
  type Initializer, type InitOptions, normal, uniform, constant, zeros, ones, xavierUniform, xavierNormal,
  linearDefault, fans, initTensor, initialize,
} from './initializers.js';
export { normal_, uniform_, constant_, zeros_, ones_, xavierUniform_, xavierNormal_ } from './inplace.js';
