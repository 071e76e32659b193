import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isFixedSeed, requestHash, seedOfBody, stableHash, stableStringify } from './stable-json';

describe('stableStringify', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(stableStringify({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for any key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(stableStringify(reversed)).toBe(stableStringify(record));
        expect(JSON.parse(stableStringify(record))).toEqual(JSON.parse(JSON.stringify(record)));
      }),
    );
  });

  it('leaves out undefined properties and refuses what JSON cannot carry', () => {
    expect(stableStringify({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => stableStringify({ a: Number.NaN })).toThrow(/\$\.a is NaN/);
    expect(() => stableStringify([1, undefined])).toThrow(/\$\[1\] is undefined/);
    expect(() => stableStringify({ d: new Date(0) })).toThrow(/not a plain object/);
    expect(() => stableStringify({ f: () => 1 })).toThrow(/function/);
    expect(() => stableStringify(10n)).toThrow(/bigint/);
  });
});

describe('request hash and seed', () => {
  it('depends on model and every body field, not on key order', () => {
    const body = { prompt: 'x', seed: 3, duration: 5 };
    expect(requestHash('m', body)).toBe(requestHash('m', { duration: 5, seed: 3, prompt: 'x' }));
    expect(requestHash('m', body)).not.toBe(requestHash('m2', body));
    expect(requestHash('m', body)).not.toBe(requestHash('m', { ...body, seed: 4 }));
    expect(stableHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the seed and tells fixed seeds from random ones', () => {
    expect(seedOfBody({ seed: 5 })).toBe(5);
    expect(seedOfBody({})).toBeUndefined();
    expect(seedOfBody({ seed: '5' })).toBeUndefined();
    expect(isFixedSeed(0)).toBe(true);
    expect(isFixedSeed(4294967295)).toBe(true);
    expect(isFixedSeed(-1)).toBe(false);
    expect(isFixedSeed(null)).toBe(false);
    expect(isFixedSeed(undefined)).toBe(false);
    expect(isFixedSeed(1.5)).toBe(false);
  });
});
