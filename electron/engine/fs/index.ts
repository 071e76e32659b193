export * from './atomic';
export * from './errors';
export * from './hash';
