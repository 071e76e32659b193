export * from './plan';
export * from './repeats';
export * from './estimate';
