import { describe, expect, it } from 'vitest';
import { installPipelines } from './install';
import { asset, edge, file, graphOf, seedance, url } from '../../test/support/graphs';
import { graphSchema, type GraphDocument } from '../graph';
import { buildBody, describeRef, planGraph } from '../plan';
import { groupIntoPipeline, ungroupPipeline } from './group';

installPipelines();

/** clip (named) → restyle (+ a style still) → extend → finale, and restyle's last frame → extend's first frame. */
function chain(): GraphDocument {
  return graphOf(
    [
      asset('clip', 'video', file('a.mp4'), { name: 'clip' }, 0),
      asset('style', 'image', url('https://cdn.example.com/s.png'), {}, 0),
      seedance('restyle', 'seedance-2.0-v2v', 'Restyle [Video 1] like [Image 1] for {{subject}}', { seed: 1 }, 400),
      seedance('extend', 'seedance-2.0-fast-v2v', 'Extend [Video 1]', { seed: 1 }, 800),
      seedance('finale', 'seedance-2.0-fast-v2v', 'Slow [Video 1] and [Video 2]', { seed: 1 }, 1200),
    ],
    [
      edge('e1', 'clip', 'media', 'restyle', 'video:1'),
      edge('e2', 'style', 'media', 'restyle', 'image:1'),
      edge('e3', 'restyle', 'video', 'extend', 'video:1'),
      edge('e4', 'extend', 'video', 'finale', 'video:1'),
      edge('e5', 'clip', 'media', 'finale', 'video:2'),
    ],
    { variables: [{ name: 'subject', value: 'the fox' }] },
  );
}

/** Each task's body, with task ids in refs reduced to the inner node's own id (`p/restyle` -> `restyle`). */
const bodies = (g: GraphDocument) => {
  const plan = planGraph(g);
  expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return Object.fromEntries(plan.tasks.map((t) => [t.node.split('/').at(-1), JSON.parse(JSON.stringify(buildBody(t, describeRef)).replace(/output:[^"]*\//g, 'output:'))]));
};

describe('group and ungroup', () => {
  it('groups nodes into a pipeline node that plans exactly as the nodes did, wires kept', () => {
    const before = chain();
    const grouped = groupIntoPipeline(before, ['style', 'restyle', 'extend', 'clip'], 'Restyle and extend');
    if (!grouped.ok) throw new Error(grouped.reason);
    expect(() => graphSchema.parse(grouped.graph)).not.toThrow();
    const node = grouped.graph.nodes.find((n) => n.id === grouped.node);
    if (node?.type !== 'pipeline') throw new Error('no pipeline node');
    // The named clip stays outside (a batch binds it) and feeds the pipeline's input; the style goes in.
    expect(grouped.graph.nodes.map((n) => n.id).sort()).toEqual(['clip', 'finale', 'restyle_and_extend']);
    expect(node.data.graph.nodes.map((n) => n.id).sort()).toEqual(['clip', 'extend', 'restyle', 'style']);
    expect(grouped.graph.edges.map((e) => [e.source, e.sourceHandle, e.target, e.targetHandle])).toEqual(
      expect.arrayContaining([
        ['clip', 'media', 'restyle_and_extend', 'in:clip'],
        ['restyle_and_extend', 'out:extend', 'finale', 'video:1'],
        ['clip', 'media', 'finale', 'video:2'],
      ]),
    );
    expect(node.data.variables).toEqual({ subject: '{{subject}}' });
    expect(bodies(grouped.graph)).toEqual(bodies(before));
    // A batch value still reaches inside.
    const batch = planGraph(grouped.graph, { variables: { subject: 'the owl' }, bindings: { clip: { kind: 'file', path: 'row.mp4' } } });
    const restyled = batch.tasks.find((t) => t.node.endsWith('restyle'));
    if (!restyled) throw new Error('no restyle task');
    expect(restyled.prompt).toBe('Restyle [Video 1] like [Image 1] for the owl');
    expect(buildBody(restyled, describeRef)).toMatchObject({ video_urls: ['upload:row.mp4'] });

    const back = ungroupPipeline(grouped.graph, grouped.node);
    if (!back.ok) throw new Error(back.reason);
    expect(() => graphSchema.parse(back.graph)).not.toThrow();
    expect(back.graph.nodes.some((n) => n.type === 'pipeline')).toBe(false);
    expect(bodies(back.graph)).toEqual(bodies(before));
  });

  it('refuses a selection with nothing to run, in words', () => {
    expect(groupIntoPipeline(chain(), ['style'], 'x')).toEqual({ ok: false, reason: 'Select at least one Seedance or pipeline node to make a pipeline of.' });
    expect(ungroupPipeline(chain(), 'restyle')).toEqual({ ok: false, reason: 'Select a pipeline node to ungroup.' });
  });

  it('renumbers inner ids that clash on ungroup and keeps last-frame outputs', () => {
    const g = graphOf(
      [asset('clip', 'video', file('a.mp4'), {}, 0), seedance('shot1', 'seedance-2.0-v2v', 'A [Video 1]', {}, 400), seedance('next', 'seedance-2.0-fast-i2v', 'Then', {}, 800)],
      [edge('e1', 'clip', 'media', 'shot1', 'video:1'), edge('e2', 'shot1', 'lastFrame', 'next', 'firstFrame')],
    );
    const grouped = groupIntoPipeline(g, ['shot1'], 'One');
    if (!grouped.ok) throw new Error(grouped.reason);
    const withClash = { ...grouped.graph, nodes: [...grouped.graph.nodes, seedance('shot1', 'seedance-2.0-t2v', 'Other', {}, 0)] };
    const back = ungroupPipeline(withClash, grouped.node);
    if (!back.ok) throw new Error(back.reason);
    const ids = back.graph.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(back.graph.edges.find((e) => e.target === 'next')).toMatchObject({ sourceHandle: 'lastFrame' });
    expect(planGraph(back.graph).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
