import { describe, expect, it } from 'vitest';
import { parseGraph, serializeGraph } from '../../shared/graph';
import { planGraph } from '../../shared/plan';
import { benchGraph, factsOf } from './graph';

describe('benchGraph', () => {
  it.each([4, 200, 1000])('has exactly %i nodes, about 1.5 wires each, and plans without a problem', (n) => {
    const graph = benchGraph(n);
    const facts = factsOf(graph);
    expect(facts.nodes).toBe(n);
    expect(facts.seedance).toBe(n / 2);
    expect(facts.edges / n).toBeGreaterThanOrEqual(n === 4 ? 1.25 : 1.45);
    expect(facts.edges / n).toBeLessThanOrEqual(1.5);
    const loaded = parseGraph(serializeGraph(graph));
    expect(loaded.ok).toBe(true);
    const plan = planGraph(graph);
    expect(plan.issues).toEqual([]);
    expect(plan.tasks).toHaveLength(n / 2);
  });

  it('has unique ids and no wire to a node that is not there, even cut short mid-unit', () => {
    const graph = benchGraph(1002);
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(ids.size).toBe(1002);
    for (const e of graph.edges) expect(ids.has(e.source) && ids.has(e.target), e.id).toBe(true);
  });

  it('opens on a viewport within the app zoom range that centres the grid', () => {
    for (const n of [4, 200, 1000]) {
      const { viewport } = benchGraph(n);
      expect(viewport.zoom).toBeGreaterThanOrEqual(0.1);
      expect(viewport.zoom).toBeLessThanOrEqual(2.5);
      expect(Number.isFinite(viewport.x) && Number.isFinite(viewport.y)).toBe(true);
    }
    expect(benchGraph(200).viewport.zoom).toBeGreaterThan(benchGraph(1000).viewport.zoom);
  });

  it('refuses a size it cannot build', () => {
    expect(() => benchGraph(3)).toThrow(RangeError);
    expect(() => benchGraph(10.5)).toThrow(RangeError);
  });
});
