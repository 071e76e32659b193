import { describe, expect, it } from 'vitest';
import { Expect, figureProblems } from './checks';
import type { Section } from './types';

const section = (figures: Record<string, number>): Section => ({ name: 'engine', title: 'Engine', figures, tables: [], targets: [], notes: [] });

describe('figureProblems', () => {
  it('passes finite, non-negative figures', () => {
    expect(figureProblems(section({ a: 0, b: 1.5, c: 1e9 }))).toEqual([]);
  });
  it('flags NaN, infinities, negatives and an empty result', () => {
    expect(figureProblems(section({ a: Number.NaN, b: Infinity, c: -1, d: 2 }))).toEqual([
      'engine: a is NaN',
      'engine: b is Infinity',
      'engine: c is negative (-1)',
    ]);
    expect(figureProblems(section({}))).toEqual(['engine: no figures at all']);
  });
});

describe('Expect', () => {
  it('collects one line per failed expectation, and none when all hold', () => {
    const ok = new Expect(section({ done: 10, rate: 3, fps: 59 })).equal('done', 10).positive('rate').within('fps', 1, 1000);
    expect(ok.problems).toEqual([]);
    const bad = new Expect(section({ done: 9, rate: 0, fps: 2000 })).equal('done', 10).positive('rate').within('fps', 1, 1000).positive('gone');
    expect(bad.problems).toEqual([
      'engine: done is 9, expected 10',
      'engine: rate is 0, expected more than 0',
      'engine: fps is 2000, expected 1..1000',
      'engine: gone is missing',
    ]);
  });
});
