import { describe, expect, it } from 'vitest';
import { asset, file, graphOf, seedance } from '../../test/support/graphs';
import {
  checkConnection,
  connect,
  disconnect,
  inputsOf,
  moveSlot,
  removeNodes,
  switchModel,
  wiredCounts,
  type ConnectionRequest,
  type GraphDocument,
} from './index';

function base(): GraphDocument {
  return graphOf([
    asset('v1', 'video', file('a.mp4')),
    asset('v2', 'video', file('b.mp4')),
    asset('v3', 'video', file('c.mp4')),
    asset('v4', 'video', file('d.mp4')),
    asset('i1', 'image', file('a.png')),
    asset('a1', 'audio', file('a.mp3')),
    seedance('s', 'seedance-2.0-v2v', '[Video 1] meets [Video 2] and [Video 3]'),
    seedance('t', 'seedance-2.0-i2v', 'continue'),
    seedance('u', 'seedance-2.0-t2v', 'text'),
  ]);
}

const req = (source: string, target: string, targetHandle: string, sourceHandle: ConnectionRequest['sourceHandle'] = 'media'): ConnectionRequest => ({
  source,
  sourceHandle,
  target,
  targetHandle,
});

function wire(graph: GraphDocument, ...requests: ConnectionRequest[]): GraphDocument {
  return requests.reduce((g, r) => {
    const result = connect(g, r);
    if (!result.ok) throw new Error(result.reason);
    return result.graph;
  }, graph);
}

const handles = (g: GraphDocument, node: string) =>
  g.edges.filter((e) => e.target === node).map((e) => `${e.source}->${e.targetHandle}`).sort();

describe('wiring rules', () => {
  it('appends to the next free slot, whichever empty slot the wire was dropped on', () => {
    const g = wire(base(), req('v1', 's', 'video:1'), req('v2', 's', 'video:3'));
    expect(handles(g, 's')).toEqual(['v1->video:1', 'v2->video:2']);
    expect(wiredCounts(g, 's')).toEqual({ video: 2, image: 0, audio: 0 });
  });

  it('replaces the wire in an occupied slot', () => {
    const g = wire(base(), req('v1', 's', 'video:1'), req('v2', 's', 'video:2'), req('v3', 's', 'video:1'));
    expect(handles(g, 's')).toEqual(['v2->video:2', 'v3->video:1']);
  });

  it('only connects matching media, and says why not', () => {
    expect(checkConnection(base(), req('i1', 's', 'video:1'))).toEqual({ ok: false, reason: '[Video 1] takes a video, not an image.' });
    expect(checkConnection(base(), req('v1', 's', 'audio:1'))).toEqual({ ok: false, reason: '[Audio 1] takes audio, not a video.' });
    expect(checkConnection(base(), req('v1', 't', 'video:1'))).toEqual({ ok: false, reason: 'Seedance 2.0 · image to video takes no video input.' });
    expect(checkConnection(base(), req('i1', 'u', 'image:1'))).toMatchObject({ ok: false, reason: /text to video takes no reference image input/ });
    expect(checkConnection(base(), req('v1', 'v2', 'video:1'))).toEqual({ ok: false, reason: 'Only a Seedance or pipeline node takes inputs.' });
  });

  it('keeps slots within their limits', () => {
    const full = wire(base(), req('v1', 's', 'video:1'), req('v2', 's', 'video:2'), req('v3', 's', 'video:3'));
    expect(checkConnection(full, req('v4', 's', 'video:4'))).toEqual({ ok: false, reason: 'All 3 video slots are full; unwire one first.' });
    expect(checkConnection(full, req('v4', 's', 'video:2'))).toMatchObject({ ok: true, replaces: { source: 'v2' } });
  });

  it('keeps frame slots and reference images apart', () => {
    const withFrame = wire(base(), req('i1', 't', 'firstFrame'));
    expect(checkConnection(withFrame, req('i1', 't', 'image:1'))).toEqual({
      ok: false,
      reason: 'Reference images cannot be used with a first or last frame: unwire the frame images first.',
    });
    const withRef = wire(base(), req('i1', 't', 'image:1'));
    expect(checkConnection(withRef, req('i1', 't', 'lastFrame'))).toMatchObject({ ok: false, reason: /Last frame cannot be used with reference images/ });
  });

  it('refuses loops and chains outputs by media', () => {
    const chain = wire(base(), req('v1', 's', 'video:1'), req('s', 't', 'firstFrame', 'lastFrame'));
    expect(checkConnection(chain, req('t', 's', 'video:2', 'video'))).toEqual({
      ok: false,
      reason: 'That wire would make a loop: a node cannot feed its own inputs.',
    });
    expect(checkConnection(chain, req('s', 's', 'video:2', 'video'))).toMatchObject({ ok: false, reason: /loop/ });
    expect(checkConnection(chain, req('s', 't', 'image:1', 'lastFrame'))).toMatchObject({ ok: false, reason: 'Reference images cannot be used with a first or last frame: unwire the frame images first.' });
    expect(checkConnection(base(), req('s', 't', 'image:1', 'video'))).toEqual({ ok: false, reason: '[Image 1] takes an image, not a video.' });
    expect(checkConnection(base(), req('s', 't', 'image:1', 'lastFrame'))).toMatchObject({ ok: true, slot: { kind: 'image', index: 1 } });
  });
});

describe('renumbering', () => {
  const three = () => wire(base(), req('v1', 's', 'video:1'), req('v2', 's', 'video:2'), req('v3', 's', 'video:3'));

  it('compacts the slots after an unwired input and rewrites the prompt', () => {
    const g = three();
    const middle = g.edges.find((e) => e.source === 'v2')?.id as string;
    const after = disconnect(g, middle);
    expect(handles(after, 's')).toEqual(['v1->video:1', 'v3->video:2']);
    expect(after.nodes.find((n) => n.id === 's')?.data).toMatchObject({ prompt: '[Video 1] meets [Video ?] and [Video 2]' });
  });

  it('moves a slot and the tokens follow', () => {
    const after = moveSlot(three(), 's', 'video', 3, 1);
    expect(handles(after, 's')).toEqual(['v1->video:2', 'v2->video:3', 'v3->video:1']);
    expect(after.nodes.find((n) => n.id === 's')?.data).toMatchObject({ prompt: '[Video 2] meets [Video 3] and [Video 1]' });
    expect(moveSlot(three(), 's', 'video', 1, 9)).toEqual(three());
  });

  it('removing an upstream node orphans its tokens downstream', () => {
    const after = removeNodes(three(), ['v1']);
    expect(after.nodes.some((n) => n.id === 'v1')).toBe(false);
    expect(handles(after, 's')).toEqual(['v2->video:1', 'v3->video:2']);
    expect(after.nodes.find((n) => n.id === 's')?.data).toMatchObject({ prompt: '[Video ?] meets [Video 1] and [Video 2]' });
    const gone = removeNodes(three(), ['s']);
    expect(gone.edges).toEqual([]);
  });

  it('switching model keeps what fits and unwires what does not', () => {
    let g = wire(base(), req('v1', 's', 'video:1'), req('i1', 's', 'image:1'), req('a1', 's', 'audio:1'));
    g = { ...g, nodes: g.nodes.map((n) => (n.id === 's' && n.type === 'seedance' ? { ...n, data: { ...n.data, prompt: '[Video 1] as [Image 1]', settings: { resolution: '1080p', duration: 8 } } } : n)) };
    const { graph, dropped } = switchModel(g, 's', 'seedance-2.0-fast-i2v');
    expect(graph.nodes.find((n) => n.id === 's')?.data).toMatchObject({
      model: 'seedance-2.0-fast-i2v',
      prompt: '[Video ?] as [Image 1]',
      settings: { duration: 8 },
    });
    expect(handles(graph, 's')).toEqual(['a1->audio:1', 'i1->image:1']);
    expect(dropped).toEqual([
      'Setting resolution must be one of 480p, 720p for this model; it was removed.',
      '[Video 1] was unwired: Seedance 2.0 Fast · image to video has no video input.',
    ]);
  });

  it('groups inputs by kind in slot order', () => {
    const g = moveSlot(three(), 's', 'video', 1, 3);
    expect(inputsOf(g, 's').video.map((e) => e.source)).toEqual(['v2', 'v3', 'v1']);
  });
});
