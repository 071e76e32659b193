import { describe, expect, it } from 'vitest';
import { browserMediaUrl } from './browser-paths';

describe('browserMediaUrl', () => {
  it('is a same-origin path with the id encoded', () => {
    expect(browserMediaUrl('abc')).toBe('/media/abc');
    expect(browserMediaUrl('a/b c')).toBe('/media/a%2Fb%20c');
  });
});
