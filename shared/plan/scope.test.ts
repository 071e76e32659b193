import { describe, expect, it } from 'vitest';
import { asset, edge, graphOf, seedance, url } from '../../test/support/graphs';
import { planGraph } from './plan';
import { scopePlan } from './scope';

/** clip → a → b → c, and clip → d (a branch of its own); e is unfinished (no prompt). */
const graph = graphOf(
  [
    asset('clip', 'video', url('https://example.com/clip.mp4')),
    seedance('a', 'seedance-2.0-v2v', 'Restyle [Video 1]'),
    seedance('b', 'seedance-2.0-v2v', 'Extend [Video 1]'),
    seedance('c', 'seedance-2.0-v2v', 'Extend [Video 1] again'),
    seedance('d', 'seedance-2.0-v2v', 'Another look at [Video 1]'),
    seedance('e', 'seedance-2.0-t2v', ''),
  ],
  [
    edge('e1', 'clip', 'media', 'a', 'video:1'),
    edge('e2', 'a', 'video', 'b', 'video:1'),
    edge('e3', 'b', 'video', 'c', 'video:1'),
    edge('e4', 'clip', 'media', 'd', 'video:1'),
  ],
);
const plan = planGraph(graph);
const nodes = (p: { tasks: { node: string }[] }) => p.tasks.map((t) => t.node);

describe('scopePlan', () => {
  it('without a target, the whole plan (the unfinished node stops it)', () => {
    const whole = scopePlan(graph, plan, undefined);
    expect(nodes(whole)).toEqual(nodes(plan));
    expect(whole.ok).toBe(false);
    expect(whole.kept).toEqual([]);
  });

  it('one node: the node with every node it needs, those kept', () => {
    const scoped = scopePlan(graph, plan, { node: 'b', scope: 'node' });
    expect(nodes(scoped)).toEqual(['a', 'b']);
    expect(scoped.kept).toEqual(['a']);
    expect(scoped.ok).toBe(true);
  });

  it('from here: the node and everything downstream, upstream kept; the other branch untouched', () => {
    const scoped = scopePlan(graph, plan, { node: 'b', scope: 'from' });
    expect(nodes(scoped)).toEqual(['a', 'b', 'c']);
    expect(scoped.kept).toEqual(['a']);
  });

  it('from an asset: every node it feeds and their descendants, nothing kept', () => {
    const scoped = scopePlan(graph, plan, { node: 'clip', scope: 'from' });
    expect(nodes(scoped).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(scoped.kept).toEqual([]);
  });

  it('a target that cannot run is an error in words', () => {
    expect(scopePlan(graph, plan, { node: 'clip', scope: 'node' }).issues.at(-1)?.message).toMatch(/is an asset: it has nothing to generate/);
    expect(scopePlan(graph, plan, { node: 'gone', scope: 'node' }).issues.at(-1)?.message).toMatch(/no longer in the graph/);
    const lonely = graphOf([asset('x', 'image', url('https://example.com/x.png'))]);
    expect(scopePlan(lonely, planGraph(lonely), { node: 'x', scope: 'from' })).toMatchObject({ ok: false, tasks: [] });
  });

  it('an error on an asset wired into the target still stops it', () => {
    const unbound = graphOf([asset('clip', 'video'), seedance('a', 'seedance-2.0-v2v', 'Restyle [Video 1]')], [edge('e1', 'clip', 'media', 'a', 'video:1')]);
    expect(scopePlan(unbound, planGraph(unbound), { node: 'a', scope: 'node' }).ok).toBe(false);
  });
});
