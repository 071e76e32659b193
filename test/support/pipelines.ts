/** Pipelines for tests: "Extend twice" (a clip extended twice), and "Restyle" which nests it. */
import { asset, edge, graphOf, seedance, url } from './graphs';
import type { GraphDocument, PipelineNode, SeedanceNode } from '../../shared/graph';

const labelled = (node: SeedanceNode, label: string): SeedanceNode => ({ ...node, data: { ...node.data, label } });

export const HASH_A = 'a'.repeat(64);
export const HASH_B = 'b'.repeat(64);

export function pipelineNode(id: string, graph: GraphDocument, data: Partial<PipelineNode['data']> = {}, x = 400): PipelineNode {
  return { id, type: 'pipeline', position: { x, y: 0 }, data: { graph, ...data } };
}

/** Input `clip` (a video, no default); outputs `final` (the second extension) and `first`. */
export function extendTwice(): GraphDocument {
  return graphOf(
    [
      asset('clip', 'video', undefined, { name: 'clip' }, 0),
      seedance('ext1', 'seedance-2.0-v2v', 'Extend [Video 1], {{mood}}', { duration: 5 }, 400),
      seedance('ext2', 'seedance-2.0-fast-i2v', 'Keep going, {{mood}}', {}, 800),
    ],
    [edge('e1', 'clip', 'media', 'ext1', 'video:1'), edge('e2', 'ext1', 'lastFrame', 'ext2', 'firstFrame')],
    {
      name: 'Extend twice',
      variables: [{ name: 'mood', value: 'calm' }],
      outputs: [
        { name: 'final', node: 'ext2', output: 'video' },
        { name: 'first', node: 'ext1', output: 'video' },
      ],
    },
  );
}

/**
 * Input `src` (a video) and `style` (an image with a default URL); the restyle blends a texture
 * clip (Video 1, inside) with the input (Video 2), then "Extend twice" runs on its result.
 */
export function restyle(): GraphDocument {
  const nested = extendTwice();
  return graphOf(
    [
      asset('texture', 'video', url('https://cdn.example.com/texture.mp4'), { label: 'Texture' }, 0),
      asset('src', 'video', undefined, { name: 'src' }, 0),
      asset('style', 'image', url('https://cdn.example.com/style.png'), { name: 'style' }, 0),
      labelled(seedance('restyle', 'seedance-2.0-v2v', 'Blend [Video 2] over [Video 1] like [Image 1], {{look}}', { seed: 3 }, 400), 'Look'),
      pipelineNode('ext', nested, { source: { path: '/lib/extend-twice.seedance.json', hash: HASH_B }, variables: { mood: 'bold {{look}}' } }, 800),
    ],
    [
      edge('e1', 'texture', 'media', 'restyle', 'video:1'),
      edge('e2', 'src', 'media', 'restyle', 'video:2'),
      edge('e3', 'style', 'media', 'restyle', 'image:1'),
      edge('e4', 'restyle', 'video', 'ext', 'in:clip'),
    ],
    {
      name: 'Restyle',
      variables: [{ name: 'look', value: 'noir' }],
      outputs: [
        { name: 'result', node: 'ext', output: 'out:final' },
        { name: 'restyled', node: 'restyle', output: 'video' },
      ],
    },
  );
}
