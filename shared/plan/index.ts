export * from './plan';
export * from './repeats';
export * from './scope';
export * from './estimate';
