export * from './errors';
export * from './sniff';
export * from './probe';
export * from './check';
export * from './complete';
