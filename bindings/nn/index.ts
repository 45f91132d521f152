export { Module } from './module.js';
export { Linear, type LinearOptions } from './linear.js';
export { ReLU, Sigmoid, Tanh, GELU, Flatten, Dropout } from './layers.js';
export { Sequential } from './sequential.js';
