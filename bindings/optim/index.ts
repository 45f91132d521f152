export { Optimizer, type ParamGroup, type Params } from './optimizer.js';
export { SGD, type SgdOptions } from './sgd.js';
export { Adam, type AdamOptions } from './adam.js';
export { Adagrad, type AdagradOptions } from './adagrad.js';
export { RMSprop, type RmspropOptions } from './rmsprop.js';
