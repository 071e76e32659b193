export * from './keys';
export * from './registry';
