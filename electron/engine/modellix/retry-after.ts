/**
 * How long a rate-limited caller should wait, from the answer's headers: `Retry-After` (seconds or an
 * HTTP date), else `X-RateLimit-Reset` (epoch seconds). Undefined when neither says anything usable.
 */

export interface HeaderSource {
  get(name: string): string | null;
}

const NUMBER = /^\d+(\.\d+)?$/;

/** `Retry-After`: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (NUMBER.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** `X-RateLimit-Reset`: the epoch second at which the limit resets. */
export function parseRateLimitReset(value: string | null, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text || !NUMBER.test(text)) return undefined;
  return Math.max(0, Math.round(Number(text) * 1000 - nowMs));
}

export function retryAfterMs(headers: HeaderSource, nowMs: number): number | undefined {
  return (
    parseRetryAfter(headers.get('retry-after'), nowMs) ?? parseRateLimitReset(headers.get('x-ratelimit-reset'), nowMs)
  );
}
