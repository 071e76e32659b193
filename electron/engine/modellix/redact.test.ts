import { describe, expect, it } from 'vitest';
import { makeRedactor, redact, REDACTED } from './redact';

describe('redaction', () => {
  it('removes the key in plain, URL-encoded and JSON-escaped forms', () => {
    const key = 'sk-live/abc+"def"';
    const text = `key ${key} url ${encodeURIComponent(key)} json ${JSON.stringify(key)}`;
    const out = redact(text, [key]);
    expect(out).not.toContain(key);
    expect(out).not.toContain(encodeURIComponent(key));
    expect(out).toContain(REDACTED);
  });

  it('skips short secrets in whole-message passes only when asked', () => {
    expect(makeRedactor(['wrong'])('missing or wrong')).toBe(`missing or ${REDACTED}`);
    expect(makeRedactor(['wrong'], 8)('missing or wrong')).toBe('missing or wrong');
    expect(makeRedactor([''])('text')).toBe('text');
  });
});
