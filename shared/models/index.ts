export * from './fields';
export * from './registry';
export * from './describe';
export * from './settings';
export * from './limits';
export * from './errors';
export * from './seed';
export * from './submit-path';
