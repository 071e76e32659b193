export * from './has-batch';
export * from './rows';
