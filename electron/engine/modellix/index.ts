export * from './protocol';
export * from './errors';
export * from './client';
export { retryAfterMs, parseRetryAfter, parseRateLimitReset } from './retry-after';
export { redact, REDACTED } from './redact';
export { errorForFailedTask } from './classify';
export { OUTCOME_UNKNOWN_ADVICE } from './messages';
export { mimeTypeForFileName } from './mime';
