import { describe, expect, it } from 'vitest';
import { deepEqual } from './deep-equal';

describe('deepEqual', () => {
  it('compares JSON-like values by content, as JSON would', () => {
    expect(deepEqual({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
    expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual('1', 1)).toBe(false);
    // An undefined property is absent, as in JSON.
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it('agrees with JSON.stringify on random edits of a shared document', () => {
    const base = { nodes: Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, data: { prompt: `p${i}`, settings: { seed: i } } })) };
    for (let i = 0; i < 50; i++) {
      const nodes = base.nodes.map((n, j) => (j === i ? { ...n, data: { ...n.data, prompt: i % 2 ? n.data.prompt : `${n.data.prompt}!` } } : n));
      const edited = { nodes };
      expect(deepEqual(base, edited)).toBe(JSON.stringify(base) === JSON.stringify(edited));
    }
  });
});
