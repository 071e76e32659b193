import { describe, expect, it } from 'vitest';
import { installPipelines } from './install';
import { asset, edge, file, graphOf, seedance, url } from '../../test/support/graphs';
import { extendTwice, HASH_A, pipelineNode, restyle } from '../../test/support/pipelines';
import { graphSchema, parseGraph, serializeGraph, type GraphDocument } from '../graph';
import { buildBody, describeRef, planGraph, scopePlan, type Plan } from '../plan';
import { expandPipelines, MAX_PIPELINE_DEPTH } from './expand';

installPipelines();

const errors = (plan: Plan) => plan.issues.filter((i) => i.severity === 'error').map((i) => i.message);
const bodyOf = (plan: Plan, node: string) => {
  const task = plan.tasks.find((t) => t.node === node);
  if (!task) throw new Error(`no task ${node} in ${plan.tasks.map((t) => t.node).join(', ')}`);
  return buildBody(task, describeRef);
};

/** "Restyle" used twice: one fed a local clip, the other a URL; the first one's result is extended once more. */
function parent(): GraphDocument {
  return graphOf(
    [
      asset('clip', 'video', file('footage/a.mp4'), { name: 'clip' }, 0),
      asset('other', 'video', url('https://cdn.example.com/b.mp4'), {}, 0),
      pipelineNode('p1', restyle(), { label: 'Restyle A', variables: { look: '{{grade}}' } }, 400),
      pipelineNode('p2', restyle(), {}, 400),
      seedance('after', 'seedance-2.0-v2v', 'Slow down [Video 1]', {}, 1200),
    ],
    [
      edge('w1', 'clip', 'media', 'p1', 'in:src'),
      edge('w2', 'other', 'media', 'p2', 'in:src'),
      edge('w3', 'p1', 'out:result', 'after', 'video:1'),
    ],
    { variables: [{ name: 'grade', value: 'warm' }] },
  );
}

describe('pipeline expansion', () => {
  it('expands nested pipelines into tasks with path ids, in dependency order', () => {
    const plan = planGraph(parent());
    expect(errors(plan)).toEqual([]);
    expect(plan.tasks.map((t) => [t.node, t.dependsOn])).toEqual([
      ['p1/restyle', []],
      ['p1/ext/ext1', ['p1/restyle']],
      ['p2/restyle', []],
      ['p2/ext/ext1', ['p2/restyle']],
      ['p1/ext/ext2', ['p1/ext/ext1']],
      ['p2/ext/ext2', ['p2/ext/ext1']],
      ['after', ['p1/ext/ext2']],
    ]);
    // Labels are paths, so run events and messages say where a task is.
    expect(plan.tasks.find((t) => t.node === 'p1/ext/ext2')?.label).toBe('Restyle A › Extend twice › ext2');
    expect(plan.tasks.find((t) => t.node === 'p2/restyle')?.label).toBe('Restyle › Look');
    // The outer wire from out:result lands on the nested pipeline's final extension.
    expect(bodyOf(plan, 'after')).toEqual({ prompt: 'Slow down [Video 1]', video_urls: ['output:p1/ext/ext2.video'] });
    // The last frame wired inside turns on return_last_frame for the inner node only.
    expect(bodyOf(plan, 'p1/ext/ext1')).toMatchObject({ video_urls: ['output:p1/restyle.video'], return_last_frame: true });
    expect(plan.expanded?.nodes.some((n) => n.type === 'pipeline')).toBe(false);
  });

  it('puts what is wired into an input in the inner slot, so inner numbering stays true', () => {
    const plan = planGraph(parent());
    // [Video 1] is the texture inside, [Video 2] the input; the style keeps its default.
    expect(bodyOf(plan, 'p1/restyle')).toEqual({
      prompt: 'Blend [Video 2] over [Video 1] like [Image 1], warm',
      video_urls: ['https://cdn.example.com/texture.mp4', 'upload:footage/a.mp4'],
      reference_images: ['https://cdn.example.com/style.png'],
      seed: 3,
      return_last_frame: undefined,
    });
    expect(bodyOf(plan, 'p2/restyle')).toMatchObject({ video_urls: ['https://cdn.example.com/texture.mp4', 'https://cdn.example.com/b.mp4'] });
    // A wired input replaces the inner asset; it is not planned as a node of its own.
    expect(plan.expanded?.nodes.map((n) => n.id)).not.toContain('p1/src');
    expect(plan.expanded?.nodes.map((n) => n.id)).toContain('p1/style');
  });

  it('fills variables: pipeline defaults, node values using outer variables, batch values over those', () => {
    const plan = planGraph(parent());
    // p1 sets look = {{grade}} (outer "warm"); p2 keeps the default "noir"; the nested pipeline's
    // mood is "bold {{look}}" in each.
    expect(bodyOf(plan, 'p1/restyle').prompt).toBe('Blend [Video 2] over [Video 1] like [Image 1], warm');
    expect(bodyOf(plan, 'p2/restyle').prompt).toBe('Blend [Video 2] over [Video 1] like [Image 1], noir');
    expect(bodyOf(plan, 'p1/ext/ext2').prompt).toBe('Keep going, bold warm');
    expect(bodyOf(plan, 'p2/ext/ext1').prompt).toBe('Extend [Video 1], bold noir');
    const batch = planGraph(parent(), { variables: { grade: 'cold' } });
    expect(bodyOf(batch, 'p1/ext/ext1').prompt).toBe('Extend [Video 1], bold cold');
    expect(bodyOf(batch, 'p2/ext/ext1').prompt).toBe('Extend [Video 1], bold noir');
  });

  it('takes a variable the pipeline does not define from the graph using it', () => {
    const inner = extendTwice();
    inner.nodes = inner.nodes.map((n) => (n.id === 'ext2' && n.type === 'seedance' ? { ...n, data: { ...n.data, prompt: 'Keep going with {{hero}}' } } : n));
    const g = graphOf(
      [asset('clip', 'video', file('a.mp4'), {}, 0), pipelineNode('x', inner)],
      [edge('w1', 'clip', 'media', 'x', 'in:clip')],
      { variables: [{ name: 'hero', value: 'the fox' }] },
    );
    expect(bodyOf(planGraph(g), 'x/ext2').prompt).toBe('Keep going with the fox');
    const without = planGraph({ ...g, variables: [] });
    expect(errors(without).join('\n')).toContain('"Extend twice › ext2"');
  });

  it('refuses a value for a variable the pipeline does not have, naming the path', () => {
    const g = graphOf([asset('clip', 'video', file('a.mp4'), {}, 0), pipelineNode('x', extendTwice(), { variables: { moood: 'x' } })], [edge('w1', 'clip', 'media', 'x', 'in:clip')]);
    expect(errors(planGraph(g))).toEqual(['Pipeline "Extend twice" has no variable "moood". Remove that value from the node, or add the variable to the pipeline.']);
  });

  it('names the path through the nesting in errors', () => {
    // Nothing wired into p2's input: the nested restyle has no source for [Video 2].
    const g = parent();
    g.edges = g.edges.filter((e) => e.id !== 'w2');
    const plan = planGraph(g);
    expect(plan.ok).toBe(false);
    expect(errors(plan)).toEqual(['Pipeline "Restyle": input "src" is not wired and has no file or URL inside the pipeline. Wire a video into it.']);
    expect(plan.issues.find((i) => i.severity === 'error')?.node).toBe('p2/src');

    // An inner node's own problem is named by its path of labels, and sits on its flat id.
    const broken = restyle();
    const nested = broken.nodes.find((n) => n.id === 'ext');
    if (nested?.type !== 'pipeline') throw new Error('fixture');
    nested.data.graph = {
      ...nested.data.graph,
      nodes: nested.data.graph.nodes.map((n) => (n.id === 'ext2' && n.type === 'seedance' ? { ...n, data: { ...n.data, settings: { duration: 99 } } } : n)),
    };
    const outer = graphOf([asset('clip', 'video', file('a.mp4'), {}, 0), pipelineNode('p', broken)], [edge('w1', 'clip', 'media', 'p', 'in:src')]);
    const bad = planGraph(outer);
    const issue = bad.issues.find((i) => i.severity === 'error');
    expect(issue?.node).toBe('p/ext/ext2');
    expect(issue?.message).toMatch(/^"Restyle › Extend twice › ext2": /);
  });

  it('refuses a pipeline that contains itself, at any depth', () => {
    const inner = restyle();
    // "Extend twice" from /lib/extend-twice.seedance.json holds an (old) copy of itself.
    const ext = inner.nodes.find((n) => n.id === 'ext');
    if (ext?.type !== 'pipeline') throw new Error('fixture');
    const self = pipelineNode('again', extendTwice(), { source: { path: '/lib/extend-twice.seedance.json', hash: HASH_A } });
    ext.data.graph = { ...ext.data.graph, nodes: [...ext.data.graph.nodes, self] };
    const g = graphOf([asset('clip', 'video', file('a.mp4'), {}, 0), pipelineNode('p', inner)], [edge('w1', 'clip', 'media', 'p', 'in:src')]);
    const plan = planGraph(g);
    expect(errors(plan)).toEqual([
      'Pipeline "Restyle" › "Extend twice" › "Extend twice" contains itself (/lib/extend-twice.seedance.json): a pipeline cannot be used inside itself. Remove that pipeline node.',
    ]);
    expect(plan.issues[0]?.node).toBe('p/ext/again');
  });

  it('refuses unknown outputs and inputs, and an input of the wrong media, naming the wire', () => {
    const g = graphOf(
      [
        asset('clip', 'video', file('a.mp4'), {}, 0),
        asset('still', 'image', file('a.png'), {}, 0),
        pipelineNode('x', extendTwice()),
        seedance('after', 'seedance-2.0-v2v', 'Slow [Video 1]', {}, 1200),
      ],
      [
        edge('w1', 'still', 'media', 'x', 'in:clip'),
        edge('w2', 'clip', 'media', 'x', 'in:nope'),
        edge('w3', 'x', 'out:missing', 'after', 'video:1'),
      ],
    );
    expect(errors(planGraph(g))).toEqual(
      expect.arrayContaining([
        'Pipeline "Extend twice" has no output "missing" (wire w3). Delete the wire, or add that output to the pipeline.',
        'Pipeline "Extend twice" has no input "nope" (wire w2). Delete the wire, or name an asset node "nope" in the pipeline.',
        'Pipeline "Extend twice": input "clip" takes a video, but wire w1 brings an image. Wire a video there.',
      ]),
    );
  });

  it('refuses an output that names a node the pipeline does not hold', () => {
    const inner = { ...extendTwice(), outputs: [{ name: 'final', node: 'gone', output: 'video' as const }] };
    const g = graphOf([asset('clip', 'video', file('a.mp4'), {}, 0), pipelineNode('x', inner)], [edge('w1', 'clip', 'media', 'x', 'in:clip')]);
    expect(errors(planGraph(g))).toContain('Pipeline "Extend twice": output "final" names node "gone", which is not in the pipeline. Point it at a Seedance node.');
  });

  it('binds batch columns to the outer graph, and the inner default stays when an input is unwired', () => {
    const g = graphOf([asset('clip', 'video', undefined, { name: 'clip' }, 0), pipelineNode('p', restyle())], [edge('w1', 'clip', 'media', 'p', 'in:src')]);
    const plan = planGraph(g, { bindings: { clip: { kind: 'file', path: 'row1.mp4' } } });
    expect(errors(plan)).toEqual([]);
    expect(bodyOf(plan, 'p/restyle')).toMatchObject({ video_urls: ['https://cdn.example.com/texture.mp4', 'upload:row1.mp4'] });
    // Inner names are the pipeline's own: a batch cannot bind them from outside.
    expect(errors(planGraph(g, { bindings: { clip: { kind: 'file', path: 'a.mp4' }, style: { kind: 'file', path: 's.png' } } }))).toEqual([
      'No asset node is named "style", so it cannot be bound. Name an asset node "style" or drop that column.',
    ]);
  });

  it('runs a pipeline node as its inner tasks when it is the target', () => {
    const g = parent();
    const plan = planGraph(g);
    const scoped = scopePlan(g, plan, { node: 'p2', scope: 'node' });
    expect(scoped.ok).toBe(true);
    expect(scoped.tasks.map((t) => t.node)).toEqual(['p2/restyle', 'p2/ext/ext1', 'p2/ext/ext2']);
    const from = scopePlan(g, plan, { node: 'p1', scope: 'from' });
    expect(from.tasks.map((t) => t.node)).toEqual(['p1/restyle', 'p1/ext/ext1', 'p1/ext/ext2', 'after']);
  });

  it('refuses nesting deeper than the limit, naming the path', () => {
    let inner: GraphDocument = extendTwice();
    for (let level = 1; level <= MAX_PIPELINE_DEPTH; level++) {
      inner = graphOf([asset('clip', 'video', undefined, { name: 'clip' }, 0), pipelineNode(`l${level}`, inner)], [edge('w', 'clip', 'media', `l${level}`, 'in:clip')], {
        name: `Level ${level}`,
        outputs: [{ name: 'final', node: `l${level}`, output: 'out:final' }],
      });
    }
    const g = graphOf([asset('clip', 'video', file('a.mp4'), {}, 0), pipelineNode('top', inner)], [edge('w', 'clip', 'media', 'top', 'in:clip')]);
    const messages = errors(planGraph(g));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^Pipeline "Level 6" › "Level 5" › .* nests pipelines more than 6 deep\. Flatten some of them\.$/);
    // One level less plans: the innermost tasks have the whole path as their id.
    const ok = planGraph({ ...g, nodes: g.nodes.map((n) => (n.type === 'pipeline' && n.data.graph.nodes[1]?.type === 'pipeline' ? { ...n, data: { ...n.data, graph: n.data.graph.nodes[1].data.graph } } : n)) });
    expect(errors(ok)).toEqual([]);
    expect(ok.tasks.at(-1)?.node).toBe('top/l5/l4/l3/l2/l1/ext2');
  });

  it('leaves a graph without pipelines untouched', () => {
    const g = graphOf([asset('clip', 'video', file('a.mp4'), {}, 0)]);
    expect(expandPipelines(g).graph).toBe(g);
  });

  it('saves a graph with pipeline nodes stably, and loads it back', () => {
    const g = parent();
    const text = serializeGraph(g);
    expect(serializeGraph(graphSchema.parse(JSON.parse(text)))).toBe(text);
    const loaded = parseGraph(text);
    expect(loaded.ok).toBe(true);
    // The embedded graph is ordered too: its nodes by id.
    const p1 = JSON.parse(text).nodes.find((n: { id: string }) => n.id === 'p1');
    expect(p1.data.graph.nodes.map((n: { id: string }) => n.id)).toEqual(['ext', 'restyle', 'src', 'style', 'texture']);
    const damaged = text.replace('"out:result"', '"out:"');
    const result = parseGraph(damaged);
    expect(result.ok).toBe(false);
  });
});
