export { Module } from './module.js';
export { Parameter } from './parameter.js';
export { Linear, type LinearOptions } from './linear.js';
export { ReLU, Sigmoid, Tanh, GELU, Flatten, Dropout } from './layers.js';
export { Sequential } from './sequential.js';
export { MSELoss, L1Loss, CrossEntropyLoss, type LossModuleOptions } from './losses.js';
