/** The canvas's pure parts: clipboard payloads and pasting, auto-layout, pasted URLs, quick-add search, wire names. */
import { describe, expect, it } from 'vitest';
import { emptyGraph, type GraphDocument, type GraphEdge, type GraphNode } from '../../../shared/graph';
import { CLIPBOARD_FORMAT, makePayload, parsePayload, pasteInto, payloadText } from './clipboard';
import { layoutPositions } from './layout';
import { mediaUrlKind } from './media-url';
import { ADDABLE, PALETTE } from './node-factory';
import { filterAddable, filterCommands } from './QuickAdd';
import { outputOptions, slotOptions, wireLabel } from './wires';

const asset = (id: string, media: 'video' | 'image' | 'audio', path: string, name?: string): GraphNode => ({
  id,
  type: 'asset',
  position: { x: 0, y: 0 },
  data: { media, source: { kind: 'file', path }, ...(name ? { name } : {}) },
});
const shot = (id: string, prompt: string, model: 'seedance-2.0-v2v' | 'seedance-2.0-i2v' = 'seedance-2.0-v2v'): GraphNode => ({
  id,
  type: 'seedance',
  position: { x: 300, y: 0 },
  data: { model, prompt, settings: {} },
});
const wire = (id: string, source: string, target: string, targetHandle: string, sourceHandle: GraphEdge['sourceHandle'] = 'media'): GraphEdge => ({
  id,
  source,
  sourceHandle,
  target,
  targetHandle,
});
const graphOf = (nodes: GraphNode[], edges: GraphEdge[] = []): GraphDocument => ({ ...emptyGraph(), nodes, edges });

describe('clipboard', () => {
  const source = graphOf(
    [asset('a', 'video', '/a.mp4', 'clip'), asset('b', 'video', '/b.mp4'), shot('s', '[Video 1] and [Video 2]')],
    [wire('e1', 'a', 's', 'video:1'), wire('e2', 'b', 's', 'video:2')],
  );

  it('keeps only the wires between selected nodes, and reads back only its own format', () => {
    const payload = makePayload(source, ['b', 's']);
    expect(payload.nodes.map((n) => n.id)).toEqual(['b', 's']);
    expect(payload.edges.map((e) => e.id)).toEqual(['e2']);
    const text = payloadText(payload);
    expect(parsePayload(text)).toEqual(payload);
    expect(parsePayload('{"format":"other","nodes":[],"edges":[]}')).toBeUndefined();
    expect(parsePayload(`{"format":"${CLIPBOARD_FORMAT}","nodes":[{"id":"x"}],"edges":[]}`)).toBeUndefined();
    expect(parsePayload('not json')).toBeUndefined();
  });

  it('pastes with fresh ids, unique asset names and offset positions, re-making wires through the rules', () => {
    const target = graphOf([asset('asset1', 'video', '/c.mp4', 'clip'), shot('shot1', '')]);
    const result = pasteInto(target, makePayload(source, ['a', 'b', 's']), { x: 40, y: 40 });
    expect(result.ids).toEqual(['asset3', 'asset4', 'shot5']);
    const pasted = result.graph.nodes.slice(2);
    expect(pasted.map((n) => n.position)).toEqual([
      { x: 40, y: 40 },
      { x: 40, y: 40 },
      { x: 340, y: 40 },
    ]);
    expect(pasted[0]?.type === 'asset' && pasted[0].data.name).toBe('clip_2');
    expect(result.graph.edges.map((e) => [e.source, e.target, e.targetHandle])).toEqual([
      ['asset3', 'shot5', 'video:1'],
      ['asset4', 'shot5', 'video:2'],
    ]);
    expect(result.refused).toEqual([]);
  });

  it('drops a wire the rules refuse and says why', () => {
    // Hand-made payload: an image into a video slot.
    const payload = { format: CLIPBOARD_FORMAT, nodes: [asset('i', 'image', '/i.png'), shot('s', '')], edges: [wire('e', 'i', 's', 'video:1')] } as const;
    const result = pasteInto(emptyGraph(), { ...payload, nodes: [...payload.nodes], edges: [...payload.edges] }, { x: 0, y: 0 });
    expect(result.graph.edges).toEqual([]);
    expect(result.refused).toEqual(['[Video 1] takes a video, not an image.']);
  });
});

describe('auto-layout', () => {
  it('lays a chain out left to right', () => {
    const graph = graphOf([shot('s2', ''), shot('s1', ''), asset('a', 'video', '/a.mp4')], [wire('e1', 'a', 's1', 'video:1'), wire('e2', 's1', 's2', 'video:1', 'video')]);
    const p = layoutPositions(graph, {});
    expect(p.a?.x).toBeLessThan(p.s1?.x ?? 0);
    expect(p.s1?.x).toBeLessThan(p.s2?.x ?? 0);
  });
});

describe('pasted media URLs', () => {
  it('recognises http(s) URLs ending in a media extension, by kind', () => {
    expect(mediaUrlKind('https://x.test/a/b.MP4')).toEqual({ url: 'https://x.test/a/b.MP4', kind: 'video' });
    expect(mediaUrlKind(' https://x.test/b.jpg?sig=1 ')).toEqual({ url: 'https://x.test/b.jpg?sig=1', kind: 'image' });
    expect(mediaUrlKind('https://x.test/t.mp3')?.kind).toBe('audio');
    expect(mediaUrlKind('https://x.test/page.html')).toBeUndefined();
    expect(mediaUrlKind('https://user:pw@x.test/a.mp4')).toBeUndefined();
    expect(mediaUrlKind('file:///a.mp4')).toBeUndefined();
    expect(mediaUrlKind('see https://x.test/a.mp4')).toBeUndefined();
  });
});

describe('quick add and palette', () => {
  it('offers the five node kinds and the nine models', () => {
    expect(PALETTE.map((e) => e.label)).toEqual(['Video', 'Image', 'Audio', 'Seedance', 'Note']);
    expect(ADDABLE.filter((e) => e.model)).toHaveLength(9);
    expect(filterAddable('fast i2v').map((e) => e.model)).toEqual(['seedance-2.0-fast-i2v']);
    expect(filterAddable('sound').map((e) => e.kind)).toEqual(['audio']);
  });

  it('offers the commands too, by label or description, but not itself', () => {
    expect(filterCommands('fit').map((c) => c.id)).toEqual(['fitView']);
    expect(filterCommands('run').map((c) => c.id)).toEqual(['run', 'runAgain', 'runNode', 'runFromHere', 'runTimes', 'cancelRun', 'history', 'importBatchCsv', 'runBatch', 'retryFailedRows', 'stopBatch']);
    expect(filterCommands('quick').map((c) => c.id)).toEqual([]);
    expect(filterCommands('mini')).toEqual([]);
  });
});

describe('wire names and the Connections dialog options', () => {
  const graph = graphOf(
    [asset('a', 'video', '/clips/a.mp4'), shot('s1', ''), shot('s2', '', 'seedance-2.0-i2v')],
    [wire('e1', 'a', 's1', 'video:1'), wire('e2', 's1', 's2', 'firstFrame', 'lastFrame')],
  );
  it('names wires by their ends', () => {
    expect(wireLabel(graph, graph.edges[0] as GraphEdge)).toBe('a.mp4 to s1 [Video 1]');
    expect(wireLabel(graph, graph.edges[1] as GraphEdge)).toBe('s1 last frame to s2 First frame');
  });
  it('lists every output and every slot that can take a wire now', () => {
    expect(outputOptions(graph).map((o) => o.label)).toEqual([
      'Video asset a.mp4',
      'Seedance node s1: result video',
      'Seedance node s1: last frame',
      'Seedance node s2: result video',
      'Seedance node s2: last frame',
    ]);
    const s2 = slotOptions(graph).filter((o) => o.target === 's2').map((o) => o.label);
    expect(s2).toContain('Seedance node s2: First frame (now s1; replace it)');
    expect(s2).toContain('Seedance node s2: Last frame');
    expect(slotOptions(graph).filter((o) => o.target === 's1').map((o) => o.targetHandle)).toContain('video:2');
  });
});
