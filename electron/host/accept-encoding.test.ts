import { describe, expect, it } from 'vitest';
import { negotiateEncoding } from './accept-encoding';

const BOTH = ['br', 'gzip'] as const;

describe('negotiateEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br', 'br'],
    ['x-gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=1.0, gzip;q=1', 'br'],
    ['*', 'br'],
    ['gzip;q=0.2, *;q=0.5', 'br'],
    ['br;q=0, *', 'gzip'],
  ] as const)('%s -> %s', (header, expected) => {
    expect(negotiateEncoding(header, BOTH)).toBe(expected);
  });

  it.each([undefined, '', 'identity', 'deflate, zstd', 'br;q=0, gzip;q=0', '*;q=0', 'gzip;q=0.0'])('%s -> the file as it is', (header) => {
    expect(negotiateEncoding(header, BOTH)).toBeUndefined();
  });

  it('offers only what the file has: nothing for a file that is not compressed', () => {
    expect(negotiateEncoding('gzip, br', [])).toBeUndefined();
    expect(negotiateEncoding('br', ['gzip'])).toBeUndefined();
    expect(negotiateEncoding('gzip, br', ['gzip'])).toBe('gzip');
  });

  it('reads a header sent twice', () => {
    expect(negotiateEncoding(['deflate', 'gzip'], BOTH)).toBe('gzip');
  });
});
