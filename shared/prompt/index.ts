export * from './tokens';
export * from './lint';
