import { describe, expect, it } from 'vitest';
import { findLoops } from './loops';

const graph = (wires: string) => {
  const out = new Map<string, string[]>();
  for (const wire of wires.split(' ').filter(Boolean)) {
    const [from, to] = wire.split('>') as [string, string];
    out.set(from, [...(out.get(from) ?? []), to]);
  }
  return (id: string) => out.get(id) ?? [];
};

describe('findLoops', () => {
  it('finds each loop once, in wire order from its first node, and nothing downstream', () => {
    expect(findLoops(['a', 'b', 'c', 'd'], graph('a>b b>a b>c c>d'))).toEqual([['a', 'b']]);
    expect(findLoops(['x', 'a', 'b', 'c'], graph('c>a a>b b>c x>x'))).toEqual([['x'], ['a', 'b', 'c']]);
    expect(findLoops(['a', 'b', 'c'], graph('a>b b>c'))).toEqual([]);
  });

  it('names a simple cycle when loops share a node (a figure eight)', () => {
    const loops = findLoops(['a', 'b', 'c'], graph('a>b b>c c>b b>a'));
    expect(loops).toHaveLength(1);
    const [loop] = loops as [string[]];
    expect(loop[0]).toBe('a');
    expect(new Set(loop).size).toBe(loop.length);
  });

  it('ignores wires to nodes outside the list', () => {
    expect(findLoops(['a', 'b'], graph('a>b b>z z>a'))).toEqual([]);
  });

  it('handles a loop of 20,000 nodes without recursion, quickly', () => {
    const n = 20_000;
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const started = performance.now();
    const loops = findLoops(ids, (id) => [`n${(Number(id.slice(1)) + 1) % n}`]);
    expect(loops).toHaveLength(1);
    expect(loops[0]).toHaveLength(n);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
