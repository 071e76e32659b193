export * from './plan';
export * from './repeats';
