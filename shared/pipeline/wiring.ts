/**
 * Wiring rules for pipeline nodes: an `in:<name>` input takes the media of the named asset inside
 * (one wire each), an `out:<name>` output gives what the pipeline's output names. Called by the
 * graph's own wiring rules (shared/graph/wiring.ts), so the canvas and the tests share them.
 */
import type { MediaKind } from '../models/fields';
import type { GraphDocument, GraphEdge, PipelineNode } from '../graph/schema';
import { inputNameOf, outputNameOf, portsOf } from './ports';

export function pipelineOutputMedia(node: PipelineNode, handle: string): MediaKind | undefined {
  const name = outputNameOf(handle);
  return name === undefined ? undefined : portsOf(node).outputs.find((o) => o.name === name)?.media;
}

function withArticle(media: MediaKind): string {
  return media === 'image' ? 'an image' : media === 'audio' ? 'audio' : 'a video';
}

export type PipelineConnectionCheck = { ok: true; handle: string; replaces?: GraphEdge } | { ok: false; reason: string };

/** Whether a wire may go into a pipeline node's input; `media` is what the source gives. */
export function checkPipelineConnection(
  graph: GraphDocument,
  target: PipelineNode,
  request: { source: string; target: string; targetHandle: string },
  media: MediaKind | undefined,
  loop: boolean,
): PipelineConnectionCheck {
  const name = inputNameOf(request.targetHandle);
  const port = name === undefined ? undefined : portsOf(target).inputs.find((i) => i.name === name);
  if (!port) return { ok: false, reason: `The pipeline has no input "${name ?? request.targetHandle}".` };
  if (!media) return { ok: false, reason: 'That node has no such output.' };
  if (port.media !== media) return { ok: false, reason: `Input "${port.name}" takes ${withArticle(port.media)}, not ${withArticle(media)}.` };
  if (loop) return { ok: false, reason: 'That wire would make a loop: a node cannot feed its own inputs.' };
  const replaces = graph.edges.find((e) => e.target === target.id && e.targetHandle === port.handle);
  return replaces ? { ok: true, handle: port.handle, replaces } : { ok: true, handle: port.handle };
}
