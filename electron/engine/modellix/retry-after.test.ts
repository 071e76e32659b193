import { describe, expect, it } from 'vitest';
import { parseRateLimitReset, parseRetryAfter, retryAfterMs } from './retry-after';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('Retry-After and X-RateLimit-Reset', () => {
  it('reads Retry-After as seconds', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000);
    expect(parseRetryAfter(new Date(NOW - 7000).toUTCString(), NOW)).toBe(0);
  });

  it('reads X-RateLimit-Reset as epoch seconds', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 4), NOW)).toBe(4000);
    expect(parseRateLimitReset(String(NOW / 1000 - 4), NOW)).toBe(0);
  });

  it('ignores garbage and prefers Retry-After', () => {
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRateLimitReset('tomorrow', NOW)).toBeUndefined();
    const both = new Headers({ 'Retry-After': '2', 'X-RateLimit-Reset': String(NOW / 1000 + 9) });
    expect(retryAfterMs(both, NOW)).toBe(2000);
    const resetOnly = new Headers({ 'X-RateLimit-Reset': String(NOW / 1000 + 9) });
    expect(retryAfterMs(resetOnly, NOW)).toBe(9000);
    expect(retryAfterMs(new Headers(), NOW)).toBeUndefined();
  });
});
