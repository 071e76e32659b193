import { describe, expect, it } from 'vitest';
import { asset, edge, file, graphOf, seedance, url } from '../../test/support/graphs';
import { validateBody } from '../models';
import { buildBody, describeRef, formatPlanIssue, planGraph, type Plan } from './index';

const errors = (plan: Plan) => plan.issues.filter((i) => i.severity === 'error').map((i) => i.message);
const bodies = (plan: Plan) => plan.tasks.map((t) => buildBody(t, describeRef));

describe('plan: chains', () => {
  it('plans a two-node chain: a restyle, then an extension from its last frame', () => {
    const g = graphOf(
      [
        asset('clip', 'video', file('footage/clip.mp4')),
        asset('style', 'image', url('https://cdn.example.com/style.png')),
        seedance('restyle', 'seedance-2.0-v2v', 'Restyle [Video 1] like [Image 1]', { duration: 6, seed: 7 }, 400),
        seedance('extend', 'seedance-2.0-fast-i2v', 'The camera keeps moving', {}, 800),
      ],
      [
        edge('e1', 'clip', 'media', 'restyle', 'video:1'),
        edge('e2', 'style', 'media', 'restyle', 'image:1'),
        edge('e3', 'restyle', 'lastFrame', 'extend', 'firstFrame'),
      ],
    );
    const plan = planGraph(g);
    expect(plan.issues).toEqual([]);
    expect(plan.ok).toBe(true);
    expect(plan.tasks.map((t) => [t.node, t.model, t.path, t.dependsOn])).toEqual([
      ['restyle', 'seedance-2.0-v2v', '/api/v1/bytedance/seedance-2.0-v2v/async', []],
      ['extend', 'seedance-2.0-fast-i2v', '/api/v1/bytedance/seedance-2.0-fast-i2v/async', ['restyle']],
    ]);
    expect(bodies(plan)).toEqual([
      {
        prompt: 'Restyle [Video 1] like [Image 1]',
        video_urls: ['upload:footage/clip.mp4'],
        reference_images: ['https://cdn.example.com/style.png'],
        duration: 6,
        seed: 7,
        // Turned on because the last frame feeds the next node.
        return_last_frame: true,
      },
      { prompt: 'The camera keeps moving', first_frame_image: 'output:restyle.lastFrame' },
    ]);
    expect(plan.tasks[1]?.inputs).toEqual([
      { slot: { kind: 'firstFrame' }, field: 'first_frame_image', ref: { kind: 'output', node: 'restyle', output: 'lastFrame', media: 'image' } },
    ]);
  });

  it('plans a three-node chain in dependency order, whatever the file order', () => {
    const g = graphOf(
      [
        seedance('third', 'seedance-2.0-v2v', 'Blend [Video 1] and [Video 2] over [Audio 1]', {}, 100),
        seedance('second', 'seedance-2.0-v2v', 'Extend [Video 1]', {}, 50),
        asset('music', 'audio', file('song.mp3')),
        seedance('first', 'seedance-2.0-t2v', 'A {{subject}} at dawn', { resolution: '4k' }, 900),
        asset('b-roll', 'video', url('https://cdn.example.com/broll.mp4')),
      ],
      [
        edge('e1', 'first', 'video', 'second', 'video:1'),
        edge('e2', 'second', 'video', 'third', 'video:2'),
        edge('e3', 'b-roll', 'media', 'third', 'video:1'),
        edge('e4', 'music', 'media', 'third', 'audio:1'),
      ],
      { variables: [{ name: 'subject', value: 'lighthouse' }] },
    );
    const plan = planGraph(g, { variables: { subject: 'harbour' } });
    expect(plan.ok).toBe(true);
    expect(plan.tasks.map((t) => t.node)).toEqual(['first', 'second', 'third']);
    expect(bodies(plan)).toEqual([
      { prompt: 'A harbour at dawn', resolution: '4k' },
      { prompt: 'Extend [Video 1]', video_urls: ['output:first.video'] },
      {
        prompt: 'Blend [Video 1] and [Video 2] over [Audio 1]',
        video_urls: ['https://cdn.example.com/broll.mp4', 'output:second.video'],
        audio_urls: ['upload:song.mp3'],
      },
    ]);
    expect(plan.tasks[2]?.dependsOn).toEqual(['second']);
    for (const task of plan.tasks) {
      const real = buildBody(task, (ref) => (ref.kind === 'url' ? ref.url : `https://cdn.example.com/${ref.kind}.bin`));
      expect(validateBody(task.model, real)).toMatchObject({ ok: true });
    }
  });

  it('binds named assets and variables from a batch row', () => {
    const g = graphOf(
      [asset('clip', 'video', undefined, { name: 'clip' }), seedance('s', 'seedance-2.0-v2v', '{{style}} version of [Video 1]')],
      [edge('e1', 'clip', 'media', 's', 'video:1')],
      { variables: [{ name: 'style', value: 'noir' }] },
    );
    expect(errors(planGraph(g))).toEqual([
      '"clip" (wired into "s") has no file or URL. Pick a file, paste a URL, or bind "clip" from a batch column.',
    ]);
    const plan = planGraph(g, { bindings: { clip: { kind: 'file', path: 'row1.mp4' } }, variables: { style: 'anime' } });
    expect(bodies(plan)).toEqual([{ prompt: 'anime version of [Video 1]', video_urls: ['upload:row1.mp4'] }]);
    expect(errors(planGraph(g, { bindings: { clip2: { kind: 'file', path: 'x.mp4' }, clip: { kind: 'file', path: 'y.mp4' } } }))).toEqual([
      'No asset node is named "clip2", so it cannot be bound. Name an asset node "clip2" or drop that column.',
    ]);
  });
});

describe('plan: errors in words, naming the node and the field', () => {
  it('reports a loop', () => {
    const g = graphOf(
      [seedance('a', 'seedance-2.0-v2v', '[Video 1]'), seedance('b', 'seedance-2.0-v2v', '[Video 1]')],
      [edge('e1', 'a', 'video', 'b', 'video:1'), edge('e2', 'b', 'video', 'a', 'video:1')],
    );
    const plan = planGraph(g);
    expect(plan.ok).toBe(false);
    expect(plan.issues.filter((i) => /loop/.test(i.message)).map((i) => i.node)).toEqual(['a', 'b']);
    expect(errors(plan)[0]).toBe('"a" is part of a loop of wires ("a" → "b" → "a"): a node cannot depend on its own output. Remove one wire of the loop.');
  });

  it('names only the nodes on a loop, in wire order, not the nodes downstream of it', () => {
    const g = graphOf(
      [
        seedance('start', 'seedance-2.0-t2v', 'x', {}, 0),
        seedance('a', 'seedance-2.0-v2v', '[Video 1] [Video 2]', {}, 100),
        seedance('c', 'seedance-2.0-v2v', '[Video 1]', {}, 200),
        seedance('b', 'seedance-2.0-v2v', '[Video 1]', {}, 300),
        seedance('after', 'seedance-2.0-v2v', '[Video 1]', {}, 400),
        seedance('later', 'seedance-2.0-v2v', '[Video 1]', {}, 500),
        seedance('self', 'seedance-2.0-v2v', '[Video 1]', {}, 600),
      ],
      [
        edge('e0', 'start', 'video', 'a', 'video:1'),
        // a → b → c → a, wired in that order although c sits before b.
        edge('e1', 'a', 'video', 'b', 'video:1'),
        edge('e2', 'b', 'video', 'c', 'video:1'),
        edge('e3', 'c', 'video', 'a', 'video:2'),
        // Downstream of the loop only.
        edge('e4', 'b', 'video', 'after', 'video:1'),
        edge('e5', 'after', 'video', 'later', 'video:1'),
        edge('e6', 'self', 'video', 'self', 'video:1'),
      ],
    );
    const plan = planGraph(g);
    expect(plan.ok).toBe(false);
    const loops = plan.issues.filter((i) => /loop/.test(i.message));
    expect(loops.map((i) => i.node)).toEqual(['a', 'b', 'c', 'self']);
    expect(loops[0]?.message).toBe('"a" is part of a loop of wires ("a" → "b" → "c" → "a"): a node cannot depend on its own output. Remove one wire of the loop.');
    expect(loops[2]?.message).toMatch(/^"c" is part of a loop of wires \("a" → "b" → "c" → "a"\)/);
    expect(loops[3]?.message).toMatch(/^"self" is part of a loop of wires \("self" → "self"\)/);
    expect(plan.issues.filter((i) => i.node === 'after' || i.node === 'later' || i.node === 'start')).toEqual([]);
  });

  it('reports a dangling wire', () => {
    const g = graphOf([seedance('s', 'seedance-2.0-t2v', 'x')], [edge('e9', 'ghost', 'media', 's', 'video:1')]);
    expect(planGraph(g).issues).toEqual([
      { severity: 'error', edge: 'e9', message: 'Wire e9 connects to node "ghost", which does not exist. Delete the wire.' },
    ]);
  });

  it('reports a slot over its limit', () => {
    const assets = [1, 2, 3, 4].map((i) => asset(`v${i}`, 'video', file(`${i}.mp4`)));
    const g = graphOf(
      [...assets, seedance('s', 'seedance-2.0-v2v', '[Video 1] [Video 2] [Video 3] [Video 4]')],
      assets.map((a, i) => edge(`e${i}`, a.id, 'media', 's', `video:${i + 1}`)),
    );
    const plan = planGraph(g);
    expect(errors(plan)).toContain('"s": Video inputs takes at most 3 videos (got 4).');
    expect(plan.issues.find((i) => /at most 3 videos/.test(i.message))).toMatchObject({ node: 's', field: 'video_urls' });
  });

  it('reports a frame image next to reference images', () => {
    const g = graphOf(
      [asset('i', 'image', file('a.png')), asset('j', 'image', file('b.png')), seedance('s', 'seedance-2.0-i2v', 'like [Image 1]')],
      [edge('e1', 'i', 'media', 's', 'image:1'), edge('e2', 'j', 'media', 's', 'lastFrame')],
    );
    expect(planGraph(g).issues).toEqual([
      {
        severity: 'error',
        node: 's',
        field: 'last_frame_image',
        message: '"s": Last frame cannot be combined with reference images: use either first/last frame images or reference images, not both.',
      },
    ]);
  });

  it('reports an i2v node without any image', () => {
    const g = graphOf([asset('m', 'audio', file('a.mp3')), seedance('s', 'seedance-2.0-mini-i2v', 'dance to [Audio 1]')], [edge('e1', 'm', 'media', 's', 'audio:1')]);
    expect(errors(planGraph(g))).toEqual([
      '"s": An image-to-video model needs at least one image: a first frame, a last frame or a reference image.',
    ]);
  });

  it('reports an output wired to the wrong media type', () => {
    const g = graphOf(
      [seedance('a', 'seedance-2.0-t2v', 'x', {}, 0), seedance('b', 'seedance-2.0-i2v', 'like [Image 1]')],
      [edge('e1', 'a', 'video', 'b', 'image:1')],
    );
    const plan = planGraph(g);
    expect(plan.issues[0]).toEqual({
      severity: 'error',
      node: 'b',
      edge: 'e1',
      field: 'reference_images',
      message: '"b": [Image 1] takes an image, but "a" gives a video. Wire an image there.',
    });
  });

  it('reports settings the model refuses, prompt problems and gaps in numbering', () => {
    const g = graphOf(
      [asset('v', 'video', file('a.mp4')), seedance('s', 'seedance-2.0-fast-v2v', '[Video 2] and [Image 1] and [video3] {{who}}', { resolution: '1080p' })],
      [edge('e1', 'v', 'media', 's', 'video:2')],
    );
    const plan = planGraph(g);
    expect(errors(plan)).toEqual([
      '"s": video slots must be numbered from 1 without gaps, but slot 1 is empty while slot 2 is wired. Rewire the inputs in the editor.',
      '"s": [Video 2] names no input: only [Video 1] is wired.',
      '"s": [Image 1] names no input: no image is wired. Wire one or delete the token.',
      '"s": [video3] is not a placeholder: write it as [Video 3].',
      '"s": {{who}} is not a variable of this graph. Add it under Variables or fix the name.',
      '"s": Resolution must be one of 480p, 720p for this model.',
    ]);
    expect(formatPlanIssue(plan.issues[0] as Plan['issues'][number])).toMatch(/^error: "s": video slots/);
  });

  it('reports a prompt of 2001 characters after variables are filled', () => {
    const g = graphOf([seedance('s', 'seedance-2.0-t2v', `${'x'.repeat(1990)}{{tail}}`)], [], { variables: [{ name: 'tail', value: 'y'.repeat(11) }] });
    expect(errors(planGraph(g))).toEqual(['"s": Prompt is 2001 characters; the limit is 2000. Shorten it.']);
  });

  it('warns about unwired assets and unnamed inputs without stopping the run', () => {
    const g = graphOf(
      [asset('v', 'video', file('a.mp4')), asset('spare', 'image', file('x.png')), seedance('s', 'seedance-2.0-v2v', 'go')],
      [edge('e1', 'v', 'media', 's', 'video:1')],
    );
    const plan = planGraph(g);
    expect(plan.ok).toBe(true);
    expect(plan.issues.map((i) => [i.severity, i.message])).toEqual([
      ['warning', '"s": [Video 1] is wired but the prompt never names it; the model may use it loosely.'],
      ['warning', '"spare" is not wired to anything.'],
    ]);
  });
});
