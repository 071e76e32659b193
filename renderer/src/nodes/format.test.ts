import { describe, expect, it } from 'vitest';
import { formatMegabytes } from './format';

describe('formatMegabytes', () => {
  it('gives small files in KB, never "0.0 MB"', () => {
    expect(formatMegabytes(200)).toBe('1 KB');
    expect(formatMegabytes(40 * 1024)).toBe('40 KB');
    expect(formatMegabytes(1024 * 1024 * 0.1)).toBe('0.1 MB');
    expect(formatMegabytes(15.25 * 1024 * 1024)).toBe('15.3 MB');
  });
});
