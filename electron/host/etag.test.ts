import { describe, expect, it } from 'vitest';
import { etagOf, matchesEtag } from './etag';

describe('etagOf', () => {
  it('is a weak tag that changes with the size or the modification time', () => {
    const tag = etagOf({ size: 1000, mtimeMs: 1_700_000_000_123.7 });
    expect(tag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(etagOf({ size: 1001, mtimeMs: 1_700_000_000_123.7 })).not.toBe(tag);
    expect(etagOf({ size: 1000, mtimeMs: 1_700_000_000_124 })).not.toBe(tag);
  });
});

describe('matchesEtag', () => {
  const tag = etagOf({ size: 10, mtimeMs: 20 });
  it.each([tag, tag.slice(2), `"nope", ${tag}`, '*', ` ${tag} `])('%s matches', (header) => {
    expect(matchesEtag(header, tag)).toBe(true);
  });
  it.each([undefined, '', '"nope"', 'W/"a-15"', `${tag.slice(0, -1)}0"`])('%s does not', (header) => {
    expect(matchesEtag(header, tag)).toBe(false);
  });
});
