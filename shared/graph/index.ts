export * from './schema';
export * from './handles';
export * from './migrate';
export * from './serialize';
export * from './load';
export * from './wiring';
export * from './indexes';
export * from './json-schema';
