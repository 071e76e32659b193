import { describe, expect, it } from 'vitest';
import { fmt, max, mean, median, percentile, ratio, seededRandom } from './stats';

describe('stats', () => {
  it('takes medians and percentiles by interpolation', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55);
    expect(percentile([7], 95)).toBe(7);
    expect(mean([1, 2, 6])).toBe(3);
    expect(max([1, 9, 3])).toBe(9);
  });

  it('refuses to summarise nothing, rather than say NaN', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => mean([])).toThrow(RangeError);
  });

  it('repeats its jitter for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });

  it('formats to three significant digits', () => {
    expect(fmt(1234.5)).toBe('1,235');
    expect(fmt(12.345)).toBe('12.3');
    expect(fmt(0.012345)).toBe('0.0123');
    expect(fmt(0)).toBe('0');
    expect(fmt(Number.NaN)).toBe('NaN');
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(3, 2)).toBe(1.5);
  });
});
