export * from './lifecycle.js';
export * from './sensitive.js';
