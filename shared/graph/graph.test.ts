import { describe, expect, it } from 'vitest';
import { asset, edge, file, graphOf, seedance, url } from '../../test/support/graphs';
import {
  GRAPH_VERSION,
  emptyGraph,
  formatGraphErrors,
  graphSchema,
  migrateGraph,
  parseGraph,
  serializeGraph,
  type GraphDocument,
} from './index';

function sample(): GraphDocument {
  return graphOf(
    [
      asset('clip', 'video', file('footage/clip.mp4'), { name: 'clip', label: 'Interview' }, 0),
      asset('style', 'image', url('https://cdn.example.com/style.png'), {}, 0),
      seedance('shot1', 'seedance-2.0-v2v', 'Restyle [Video 1] like [Image 1], {{subject}}', { duration: 6, seed: 42 }),
      seedance('shot2', 'seedance-2.0-i2v', 'Continue from here', {}, 800),
      { id: 'note1', type: 'note', position: { x: 0, y: 300 }, data: { text: 'Client wants warm tones' } },
    ],
    [
      edge('e1', 'clip', 'media', 'shot1', 'video:1'),
      edge('e2', 'style', 'media', 'shot1', 'image:1'),
      edge('e3', 'shot1', 'lastFrame', 'shot2', 'firstFrame'),
    ],
    { name: 'Restyle and extend', variables: [{ name: 'subject', value: 'a fox' }], viewport: { x: 10, y: -20, zoom: 0.75 } },
  );
}

describe('graph schema', () => {
  it('accepts a full pipeline and fills defaults', () => {
    const parsed = graphSchema.parse({ format: 'seedance-flow.graph', version: GRAPH_VERSION, nodes: [], edges: [] });
    expect(parsed).toEqual(emptyGraph());
    expect(graphSchema.safeParse(sample()).success).toBe(true);
  });

  it('has no place for a secret', () => {
    const withKey = { ...sample(), apiKey: 'sk-live-123' };
    const result = parseGraph(JSON.stringify(withKey));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatGraphErrors(result.errors)).toMatch(/unexpected field "apiKey": a graph holds no other data \(and never a key\)/);
    const nodeKey = sample();
    (nodeKey.nodes[2]?.data as Record<string, unknown>).api_key = 'sk';
    expect(graphSchema.safeParse(nodeKey).success).toBe(false);
    const settingKey = sample();
    (settingKey.nodes[2]?.data as { settings: Record<string, unknown> }).settings.authorization = 'Bearer x';
    expect(graphSchema.safeParse(settingKey).success).toBe(false);
    const credentialUrl = graphOf([asset('a', 'image', url('https://user:pass@cdn.example.com/a.png'))]);
    const r = parseGraph(JSON.stringify(credentialUrl));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatGraphErrors(r.errors)).toMatch(/node "a" › data › source › url: must not carry a user name or password/);
  });

  it('refuses duplicate ids and names, naming them', () => {
    const g = graphOf([asset('a', 'video', undefined, { name: 'clip' }), asset('a', 'video', undefined, { name: 'clip' })]);
    const r = parseGraph(JSON.stringify(g));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message)).toEqual(['node id "a" is used twice', 'asset name "clip" is used twice']);
  });

  it('names the node and field of an error in a hand-edited file', () => {
    const g = JSON.parse(serializeGraph(sample()));
    g.nodes.find((n: { id: string }) => n.id === 'shot1').data.model = 'seedance-9';
    g.edges[0].targetHandle = 'video 1';
    const r = parseGraph(JSON.stringify(g));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(formatGraphErrors(r.errors)).toContain('node "shot1" › data › model: unknown model "seedance-9"; choose one of seedance-2.0-v2v');
      expect(formatGraphErrors(r.errors)).toContain('edge "e1" › targetHandle: must name an input slot such as video:1');
    }
  });

  it('says where a file stops being JSON, never quoting it (issue 8.7)', () => {
    const secret = 'mlx-secret-api-key-0123456789';
    const cases: [string, string][] = [
      [`${secret}\n`, 'line 1, column 1'],
      [`{\n  "version": 2,\n  ${secret}\n}`, 'line 3, column 3'],
      [`{"a": "${secret}`, 'line 1, column 37'],
      [`["${secret}"] ${secret}`, 'line 1, column 35'],
      [`{"a": tru}`, 'line 1, column 7'],
      ['', 'line 1, column 1'],
    ];
    for (const [text, where] of cases) {
      const r = parseGraph(text);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const message = formatGraphErrors(r.errors);
      expect(message).toContain(`(${where}`);
      expect(message).not.toContain(secret.slice(0, 6));
      expect(message).not.toContain('tru');
      expect(message).toMatch(/Was it saved by Seedance Flow\?$/);
    }
  });

  it('finds the broken spot of a deeply nested file without running out of stack', () => {
    const r = parseGraph(`${'['.repeat(200_000)}x`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toContain('line 1, column 200001');
  });

  it('says what to do with a file that is not a graph', () => {
    expect(parseGraph('{nope')).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/not valid JSON/) }] });
    expect(parseGraph('[]')).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/not a Seedance Flow graph/) }] });
    expect(parseGraph(JSON.stringify({ ...sample(), version: 99 }))).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/saved by a newer Seedance Flow \(format version 99.*Update the app/) }],
    });
  });
});

describe('stable serialization', () => {
  it('round-trips byte for byte', () => {
    const text = serializeGraph(sample());
    const back = parseGraph(text);
    expect(back.ok).toBe(true);
    if (back.ok) expect(serializeGraph(back.graph)).toBe(text);
  });

  it('gives the same bytes for the same graph in any order', () => {
    const a = sample();
    const b: GraphDocument = {
      viewport: { zoom: 0.75, y: -20, x: 10 },
      variables: [...a.variables].reverse(),
      edges: [...a.edges].reverse(),
      nodes: [...a.nodes].reverse().map((n) => ({ data: n.data, position: n.position, type: n.type, id: n.id }) as typeof n),
      version: a.version,
      format: a.format,
      name: a.name,
    } as GraphDocument;
    expect(serializeGraph(b)).toBe(serializeGraph(a));
  });

  it('writes identity first, then keys in alphabetical order, with a final newline', () => {
    const text = serializeGraph(sample());
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'name', 'edges', 'nodes', 'variables', 'viewport']);
    expect(text.indexOf('"id": "clip"')).toBeLessThan(text.indexOf('"id": "note1"'));
    expect(Object.keys(JSON.parse(text).edges[0])).toEqual(['id', 'source', 'sourceHandle', 'target', 'targetHandle']);
  });

  it('never writes an invalid graph', () => {
    const bad = { ...sample(), version: 3 } as unknown as GraphDocument;
    expect(() => serializeGraph(bad)).toThrow();
  });
});

describe('migrations', () => {
  const v1 = {
    version: 1,
    title: 'Prototype pipeline',
    nodes: [
      { id: 'v', kind: 'video', x: 10, y: 20, path: 'a.mp4', name: 'clip' },
      { id: 'w', kind: 'video', x: 10, y: 120, url: 'https://cdn.example.com/b.mp4' },
      { id: 'i', kind: 'image', x: 10, y: 220, path: 'frame.png' },
      { id: 's', kind: 'seedance', x: 300, y: 0, model: 'seedance-2.0-v2v', prompt: 'Blend [Video 1] into [Video 3]', params: { duration: 8 } },
      { id: 't', kind: 'seedance', x: 600, y: 0, model: 'seedance-2.0-v2v', prompt: 'Extend [Video 1]' },
      { id: 'n', kind: 'note', x: 0, y: 400, text: 'hello' },
    ],
    edges: [
      { from: 'v', to: 's', input: 'video_urls[0]' },
      { from: 'w', to: 's', input: 'video_urls[2]' },
      { from: 'i', to: 's', input: 'first_frame_image' },
      { from: 's', to: 't', input: 'video_urls[0]' },
    ],
  };

  it('carries a version-1 file to the current version', () => {
    const r = parseGraph(JSON.stringify(v1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    const g = r.graph;
    expect(g.version).toBe(GRAPH_VERSION);
    expect(g.name).toBe('Prototype pipeline');
    expect(g.nodes.find((n) => n.id === 'v')).toEqual({
      id: 'v',
      type: 'asset',
      position: { x: 10, y: 20 },
      data: { media: 'video', source: { kind: 'file', path: 'a.mp4' }, name: 'clip' },
    });
    expect(g.nodes.find((n) => n.id === 'w')?.data).toMatchObject({ source: { kind: 'url', url: 'https://cdn.example.com/b.mp4' } });
    expect(g.nodes.find((n) => n.id === 'n')).toMatchObject({ type: 'note', data: { text: 'hello' } });
    const s = g.nodes.find((n) => n.id === 's');
    // The gap at video_urls[1] is closed, and the prompt follows: [Video 3] was the second video.
    expect(s?.data).toEqual({ model: 'seedance-2.0-v2v', prompt: 'Blend [Video 1] into [Video 2]', settings: { duration: 8 } });
    expect(g.edges.map((e) => [e.source, e.sourceHandle, e.target, e.targetHandle])).toEqual([
      ['v', 'media', 's', 'video:1'],
      ['w', 'media', 's', 'video:2'],
      ['i', 'media', 's', 'firstFrame'],
      ['s', 'video', 't', 'video:1'],
    ]);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(4);
  });

  it('leaves a current file untouched and reports no migration', () => {
    const r = parseGraph(serializeGraph(sample()));
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.migratedFrom).toBeFalsy();
    expect(migrateGraph(sample()).from).toBe(GRAPH_VERSION);
  });

  it('explains a version-1 file it cannot upgrade', () => {
    const broken = { ...v1, edges: [{ from: 'v', to: 's', input: 'music' }] };
    expect(parseGraph(JSON.stringify(broken))).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/Could not upgrade this version-1 graph: edge from v to s: unknown input "music"/) }],
    });
  });
});
