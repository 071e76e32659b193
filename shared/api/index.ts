export * from './contract';
export * from './run-events';
export * from './client';
export * from './browser-paths';
export * from './history';
